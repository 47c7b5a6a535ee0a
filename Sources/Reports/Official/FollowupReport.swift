import Analysis
import Answers
import Forms
import Foundation
import Storage

/// `followup`: every question and recommendation of the period's forums and where its answer
/// stands, in Kon Tum's three groups plus «chưa trả lời» — by theme and by responding office,
/// then each item with its answer, and for «chưa thể thực hiện» the reason and proposed solution.
/// Read from the same answer board as the staff queue and the dashboard; the wording is scrubbed
/// of names and contacts as for upstream, since the report is handed to leaders.
public struct FollowupReport: Sendable {
    public enum Group: Int, CaseIterable, Sendable {
        case met, considering, cannot, unanswered

        public var label: String {
            switch self {
            case .met: "Đã được đáp ứng, thực hiện"
            case .considering: "Đang được xem xét, thực hiện"
            case .cannot: "Chưa thể thực hiện"
            case .unanswered: "Chưa trả lời"
            }
        }

        /// A question answered counts as met: the child got the answer asked for.
        public init(_ status: AnswerStatus) {
            switch status {
            case .answered, .implemented: self = .met
            case .underConsideration: self = .considering
            case .cannotImplement: self = .cannot
            case .unanswered: self = .unanswered
            }
        }
    }

    public var unitName: String
    public var period: ReportPeriod
    public var items: [AnswerItem]
    public var themeName: @Sendable (String) -> String
    public var schoolName: @Sendable (String) -> String
    public var generatedAt: Date
    /// The period's events: where each issue was taken («Đã nêu tại»), and a short section of
    /// counts per kind. nil: the report says nothing of events.
    public var events: ReportEvents?

    /// `asksInPeriod`: for a bounded period, each issue's or entry's questions and recommendations
    /// written in it (by target id); what has none there is left out. nil: the whole campaign.
    public init(unitName: String, period: ReportPeriod, items: [AnswerItem], asksInPeriod: [String: Int]? = nil,
                themeName: @escaping @Sendable (String) -> String,
                schoolName: @escaping @Sendable (String) -> String = { $0 }, generatedAt: Date = Date()) {
        self.unitName = unitName
        self.period = period
        // What staff answer: questions and recommendations; in a period, those the children wrote in it.
        var chosen = items.filter(\.needsAnswer)
        if let asksInPeriod {
            chosen = chosen.compactMap { item in
                guard let asks = asksInPeriod[item.target.id], asks > 0 else { return nil }
                var copy = item
                copy.asks = asks
                return copy
            }
        }
        self.items = chosen.sorted { ($0.theme, $1.entries, $0.wording) < ($1.theme, $0.entries, $1.wording) }
        self.themeName = themeName
        self.schoolName = schoolName
        self.generatedAt = generatedAt
    }

    /// Children's entries an item stands for (an issue's questions and recommendations).
    static func weight(_ item: AnswerItem) -> Int { item.asks ?? item.entries }

    public func count(_ group: Group) -> (items: Int, entries: Int) {
        let members = items.filter { Group($0.status) == group }
        return (members.count, members.reduce(0) { $0 + Self.weight($1) })
    }

    func crossTable(_ key: (AnswerItem) -> String, label: String) -> ReportDocument.Table {
        let keys = Array(Set(items.map(key))).sorted()
        var rows: [[ReportDocument.Cell]] = []
        for value in keys {
            let members = items.filter { key($0) == value }
            rows.append([.text(value)] + Group.allCases.map { group in .number(members.filter { Group($0.status) == group }.count) }
                        + [.number(members.count)])
        }
        let total: [ReportDocument.Cell] = [.text("Tổng cộng")] + Group.allCases.map { .number(count($0).items) } + [.number(items.count)]
        return .init(columns: [label] + Group.allCases.map(\.label) + ["Tổng"], rows: rows, total: total)
    }

    /// The events an item's issue was taken to in the period, or nil (an entry answered on its own
    /// was taken to none: events take issues).
    func takenTo(_ item: AnswerItem) -> String? {
        item.target.kind == "issue" ? events?.takenTo(issue: item.target.id) : nil
    }

    public var document: ReportDocument {
        var sections: [ReportDocument.Section] = []
        let summary = ReportDocument.Table(
            columns: ["Nhóm", "Số câu hỏi, kiến nghị", "Số ý kiến của trẻ em"],
            rows: Group.allCases.map { group in [.text(group.label), .number(count(group).items), .number(count(group).entries)] },
            total: [.text("Tổng cộng"), .number(items.count), .number(items.reduce(0) { $0 + Self.weight($1) })])
        sections.append(.init(
            heading: "I. Tổng hợp kết quả trả lời, giải quyết",
            paragraphs: ["Các câu hỏi, kiến nghị của trẻ em được gộp theo vấn đề; mỗi vấn đề tính một lần, kèm số ý kiến của trẻ em thuộc vấn đề đó."],
            table: summary))
        sections.append(.init(heading: "Theo chủ đề", level: 2, table: crossTable({ themeName($0.theme) }, label: "Chủ đề")))
        sections.append(.init(heading: "Theo cơ quan trả lời", level: 2,
                              table: crossTable({ $0.office ?? "Chưa giao cơ quan" }, label: "Cơ quan trả lời")))
        let numerals = ["II", "III", "IV", "V"]
        for group in Group.allCases {
            let members = items.filter { Group($0.status) == group }
            var columns = ["STT", "Câu hỏi, kiến nghị", "Chủ đề", "Trường", "Số ý kiến", "Cơ quan trả lời"]
            switch group {
            case .cannot: columns += ["Nội dung trả lời", "Nguyên nhân", "Giải pháp đề xuất"]
            case .unanswered: columns += ["Hạn trả lời"]
            default: columns += ["Nội dung trả lời"]
            }
            // Only where something was taken to an event, so a period without events keeps its tables.
            let shownAt = members.contains { takenTo($0) != nil }
            if shownAt { columns.append("Đã nêu tại") }
            let rows = members.enumerated().map { index, item -> [ReportDocument.Cell] in
                var row: [ReportDocument.Cell] = [
                    .number(index + 1), .text(PersonalDataScrubber.scrub(item.wording)), .text(themeName(item.theme)),
                    .text(item.schools.map(schoolName).joined(separator: ", ")), .number(Self.weight(item)),
                    .text(item.office ?? ""),
                ]
                switch group {
                case .cannot:
                    row += [.text(item.published?.text ?? ""), .text(item.published?.reason ?? ""), .text(item.published?.solution ?? "")]
                case .unanswered:
                    row += [.text(ReportRenderer.vietnameseDate(item.dueDate) + (item.overdue ? " (quá hạn)" : ""))]
                default:
                    row += [.text(item.published?.text ?? "")]
                }
                if shownAt { row.append(.text(takenTo(item) ?? "")) }
                return row
            }
            sections.append(.init(
                heading: "\(numerals[group.rawValue]). \(group.label) (\(members.count))",
                paragraphs: members.isEmpty ? ["Không có."] : [], table: members.isEmpty ? nil : .init(columns: columns, rows: rows)))
        }
        if let events { sections.append(events.shortSection(numeral: "VI")) }
        return ReportDocument(
            title: "BÁO CÁO KẾT QUẢ TRẢ LỜI, GIẢI QUYẾT CÂU HỎI, KIẾN NGHỊ CỦA TRẺ EM",
            subtitle: [unitName, "Kỳ báo cáo: \(period.vietnamese)", "Lập lúc \(ReportRenderer.vietnameseTime(Timestamp.string(generatedAt)))"],
            sections: sections)
    }
}
