import Analysis
import Answers
import Foundation
import Storage

/// `recommendations`: the children's questions and recommendations of the period, consolidated
/// for the forum above («tổng hợp kiến nghị của trẻ em»): by theme, the most asked first, each with
/// how many children and schools raised it and where its answer stands. Scrubbed wording only.
public struct RecommendationsReport: Sendable {
    public var followup: FollowupReport

    public init(followup: FollowupReport) { self.followup = followup }

    public var document: ReportDocument {
        let items = followup.items
        let byTheme = Dictionary(grouping: items) { followup.themeName($0.theme) }
        var sections: [ReportDocument.Section] = [
            .init(
                heading: "I. Tổng hợp theo chủ đề",
                table: .init(
                    columns: ["Chủ đề", "Số vấn đề", "Số ý kiến của trẻ em"],
                    rows: byTheme.keys.sorted().map { theme in
                        let members = byTheme[theme] ?? []
                        return [.text(theme), .number(members.count), .number(members.reduce(0) { $0 + FollowupReport.weight($1) })]
                    },
                    total: [.text("Tổng cộng"), .number(items.count), .number(items.reduce(0) { $0 + FollowupReport.weight($1) })])),
        ]
        for (index, theme) in byTheme.keys.sorted().enumerated() {
            let members = (byTheme[theme] ?? []).sorted { (FollowupReport.weight($0), $1.wording) > (FollowupReport.weight($1), $0.wording) }
            // «Đã nêu tại» only where an item of the theme was taken to an event in the period.
            let shownAt = members.contains { followup.takenTo($0) != nil }
            sections.append(.init(
                heading: "\(index + 1). \(theme)", level: 2,
                table: .init(
                    columns: ["STT", "Câu hỏi, kiến nghị", "Số ý kiến", "Số trường", "Tình trạng trả lời"] + (shownAt ? ["Đã nêu tại"] : []),
                    rows: members.enumerated().map { number, item -> [ReportDocument.Cell] in
                        [.number(number + 1), .text(PersonalDataScrubber.scrub(item.wording)), .number(FollowupReport.weight(item)),
                         .number(item.schools.count), .text(FollowupReport.Group(item.status).label)]
                            + (shownAt ? [ReportDocument.Cell.text(followup.takenTo(item) ?? "")] : [])
                    })))
        }
        if let events = followup.events { sections.append(events.shortSection(numeral: "II")) }
        return ReportDocument(
            title: "TỔNG HỢP CÂU HỎI, KIẾN NGHỊ CỦA TRẺ EM",
            subtitle: [followup.unitName, "Kỳ báo cáo: \(followup.period.vietnamese)",
                       "Lập lúc \(ReportRenderer.vietnameseTime(Timestamp.string(followup.generatedAt)))"],
            sections: sections)
    }
}
