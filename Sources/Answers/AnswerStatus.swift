/// Where a child's question or recommendation stands, in the words of the follow-up reports the
/// plans ask for (Kon Tum): implemented, under consideration, or not yet possible with a reason
/// and a proposed solution.
public enum AnswerStatus: String, Codable, CaseIterable, Sendable {
    /// Assigned to an office, not answered yet.
    case unanswered
    /// Answered: the office explained, nothing further to implement.
    case answered
    /// Đã được đáp ứng, thực hiện.
    case implemented
    /// Đang được xem xét, thực hiện.
    case underConsideration = "under_consideration"
    /// Chưa thể thực hiện: always with the reason and the proposed solution.
    case cannotImplement = "cannot_implement"

    /// Every status but `unanswered` tells the children something: each counts toward the
    /// "100 % answered" target. `under_consideration` counts too — it is a reply, and its later
    /// follow-up is a newer answer.
    public var countsAsAnswered: Bool { self != .unanswered }

    /// How the status reads on the answer sheet and in reports.
    public var labelVI: String {
        switch self {
        case .unanswered: "Chưa trả lời"
        case .answered: "Đã trả lời"
        case .implemented: "Đã được đáp ứng, thực hiện"
        case .underConsideration: "Đang được xem xét, thực hiện"
        case .cannotImplement: "Chưa thể thực hiện"
        }
    }

    public var labelEN: String {
        switch self {
        case .unanswered: "not answered yet"
        case .answered: "answered"
        case .implemented: "implemented"
        case .underConsideration: "under consideration"
        case .cannotImplement: "cannot be implemented yet"
        }
    }

    public static var codeList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
