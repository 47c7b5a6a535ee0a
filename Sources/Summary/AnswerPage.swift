/// Answers on their way down, as `GET /api/v1/answers` carries them from a level to the unit
/// below (docs/upstream.md). The field names are the wire format.
public struct DownwardAnswer: Codable, Hashable, Sendable {
    public var id: String
    public var issue: String
    public var office: String
    public var status: String
    public var text: String
    public var reason: String?
    public var solution: String?
    public var dueDate: String?
    public var draftedAt: String
    public var publishedAt: String

    public init(
        id: String, issue: String, office: String, status: String, text: String, reason: String?,
        solution: String?, dueDate: String?, draftedAt: String, publishedAt: String
    ) {
        self.id = id
        self.issue = issue
        self.office = office
        self.status = status
        self.text = text
        self.reason = reason
        self.solution = solution
        self.dueDate = dueDate
        self.draftedAt = draftedAt
        self.publishedAt = publishedAt
    }
}

/// One page of answers for one unit below, in publication order.
public struct AnswerPage: Codable, Hashable, Sendable {
    public var answers: [DownwardAnswer]
    /// The `since` to ask with next time.
    public var next: Int64
    /// True when more answers are waiting: ask again at once with `next`.
    public var more: Bool

    public init(answers: [DownwardAnswer], next: Int64, more: Bool) {
        self.answers = answers
        self.next = next
        self.more = more
    }
}
