import Analysis
import Answers
import Foundation
import Storage
import Summary

/// `yearly`: the November results report. Targets and progress, participation by gender, grade
/// and theme, the units on time and late against each deadline of the calendar, and the issues
/// children raised most with what was done. Its numbers are the summary's, the one the dashboard
/// shows and the unit pushes for the same period.
public struct YearlyReport: Sendable {
    public var summary: Summary
    public var renderer: ReportRenderer
    public var unitName: String
    public var period: ReportPeriod
    public var deadlines: [DeadlineTracker.Row]
    public var answers: [String: AnswerItem]
    public var issueLimit = 15
    /// This unit's events of the period, recorded here with their attendance; nil leaves the
    /// section out.
    public var events: ReportEvents?

    public init(summary: Summary, renderer: ReportRenderer, unitName: String, period: ReportPeriod,
                deadlines: [DeadlineTracker.Row], answers: [String: AnswerItem]) {
        self.summary = summary
        self.renderer = renderer
        self.unitName = unitName
        self.period = period
        self.deadlines = deadlines
        self.answers = answers
    }

    func dimensionTable(_ dimension: String, label: String) -> ReportDocument.Table {
        let values = renderer.sorted(summary.tallies[dimension] ?? [:], dimension: dimension)
        return .init(
            columns: [label, "Số ý kiến", "Lượt trẻ em"],
            rows: values.map { [.text(renderer.label(dimension, $0.0)), .number($0.1.entries), .number($0.1.consultations)] },
            total: [.text("Tổng cộng"), .number(values.reduce(0) { $0 + $1.1.entries }), .number(values.reduce(0) { $0 + $1.1.consultations })])
    }

    /// «Hoạt động, diễn đàn đã tổ chức»: per kind with the total, then which unit held what. The
    /// units below send counts only (no gender, no kind per unit): what they add is one sentence.
    func eventSections(_ events: ReportEvents) -> [ReportDocument.Section] {
        var paragraphs: [String] = []
        if events.events.isEmpty { paragraphs.append("Chưa ghi hoạt động, diễn đàn nào trong kỳ.") }
        let own = events.events.count, ownChildren = events.events.reduce(0) { $0 + $1.attendance.children }
        // The summary counts this unit's events and those the units below reported; the difference is theirs.
        if let all = summary.events?.total, all.held > own {
            paragraphs.append("Các đơn vị cấp dưới báo cáo thêm \(ReportRenderer.number(all.held - own)) hoạt động, diễn đàn với "
                                + "\(ReportRenderer.number(max(0, all.children - ownChildren))) lượt trẻ em tham dự (chỉ có số tổng).")
        }
        var sections: [ReportDocument.Section] = [
            .init(heading: "III. Hoạt động, diễn đàn đã tổ chức", paragraphs: paragraphs,
                  table: events.events.isEmpty ? nil : events.kindTable(detailed: true)),
        ]
        if !events.events.isEmpty {
            sections.append(.init(heading: "Các đơn vị đã tổ chức", level: 2, table: events.unitTable))
        }
        return sections
    }

    public var document: ReportDocument {
        var sections: [ReportDocument.Section] = []
        let totals = summary.totals
        let targets = summary.targets ?? []
        sections.append(.init(
            heading: "I. Kết quả thực hiện các chỉ tiêu",
            paragraphs: targets.isEmpty ? ["Chưa đặt chỉ tiêu nào."] : [],
            table: targets.isEmpty ? nil : .init(
                columns: ["Chỉ tiêu", "Mục tiêu", "Đạt được", "Tỉ lệ đạt", "Hạn", "Đánh giá", "Ghi chú"],
                rows: targets.map { target in
                    let share = target.metric.hasSuffix("_share") || target.metric == "opinions_per_unit"
                    func value(_ number: Double) -> String { share ? ReportRenderer.decimal(number) + " %" : ReportRenderer.decimal(number) }
                    let verdict = switch target.onTrack {
                    case true?: "Đúng tiến độ"
                    case false?: "Chậm tiến độ"
                    case nil: "Chưa theo dõi"
                    }
                    return [.text(target.label), .text(value(target.goal)), .text(target.current.map(value) ?? "—"),
                            .text(target.percent.map { ReportRenderer.percent($0 / 100) } ?? "—"),
                            .text(ReportRenderer.vietnameseDate(target.deadline)), .text(verdict),
                            .text(target.note.map { $0.components(separatedBy: " — ").first ?? $0 } ?? "")]
                })))
        sections.append(.init(
            heading: "II. Trẻ em tham gia",
            paragraphs: [
                "Số ý kiến: \(ReportRenderer.number(totals.entries)); lượt trẻ em được lấy ý kiến: \(ReportRenderer.number(totals.consultations)) "
                    + "(một ý kiến nhóm tính mỗi bạn trong nhóm); trường có ý kiến: \(totals.activeSchools)/\(totals.registeredSchools).",
                "Ý kiến đã chuyển cán bộ bảo vệ trẻ em: \(totals.safeguardingHeld) (chỉ đếm, không nêu nội dung).",
            ]))
        sections.append(.init(heading: "Theo giới tính", level: 2, table: dimensionTable("gender", label: "Giới tính")))
        sections.append(.init(heading: "Theo khối lớp", level: 2, table: dimensionTable("grade_band", label: "Khối lớp")))
        sections.append(.init(heading: "Theo chủ đề", level: 2, table: dimensionTable("theme", label: "Chủ đề")))
        if let events { sections += eventSections(events) }

        sections.append(.init(
            heading: "\(events == nil ? "III" : "IV"). Các đơn vị thực hiện đúng hạn và chậm hạn",
            paragraphs: deadlines.isEmpty ? ["Lịch chiến dịch chưa đặt hạn nào."] : [],
            table: deadlines.isEmpty ? nil : .init(
                columns: ["Hạn", "Cấp", "Ngày hạn", "Đúng hạn", "Chậm", "Chưa có", "Chưa đến hạn", "Chưa theo dõi"],
                rows: deadlines.map { row in
                    [.text(row.deadline.label), .text(row.deadline.level.labelVI), .text(ReportRenderer.vietnameseDate(row.deadline.due)),
                     .number(row.count("on-time")), .number(row.count("late")), .number(row.count("missing")), .number(row.count("pending")),
                     .number(row.count("untracked"))]
                })))
        for row in deadlines {
            let behind = row.units.filter { ["late", "missing"].contains($0.state.code) }
            guard !behind.isEmpty else { continue }
            sections.append(.init(
                heading: "\(row.deadline.label): đơn vị chậm hoặc chưa có", level: 2,
                table: .init(columns: ["Đơn vị", "Mã", "Tình trạng"],
                             rows: behind.map { [.text($0.name), .text($0.unit), .text($0.state.labelVI)] })))
        }

        let top = Array(summary.issues.prefix(issueLimit))
        sections.append(.init(
            heading: "\(events == nil ? "IV" : "V"). Những vấn đề trẻ em quan tâm nhiều nhất và kết quả giải quyết",
            paragraphs: top.isEmpty ? ["Chưa có vấn đề nào."] : [],
            table: top.isEmpty ? nil : .init(
                columns: ["STT", "Vấn đề (ý kiến tiêu biểu)", "Chủ đề", "Số ý kiến", "Số trường", "Kết quả", "Nội dung trả lời"],
                rows: top.enumerated().map { index, issue in
                    let answer = answers[issue.id]
                    return [.number(index + 1), .text(issue.representative), .text(renderer.label("theme", issue.theme)),
                            .number(issue.entries), .number(issue.schools.count),
                            .text(FollowupReport.Group(answer?.status ?? .unanswered).label), .text(answer?.published?.text ?? "")]
                })))
        return ReportDocument(
            title: "BÁO CÁO KẾT QUẢ LẤY Ý KIẾN, KIẾN NGHỊ CỦA TRẺ EM",
            subtitle: [unitName, "Kỳ báo cáo: " + (summary.period?.label.map { "\($0), " } ?? "") + period.vietnamese,
                       "Lập lúc \(ReportRenderer.vietnameseTime(summary.generatedAt))"],
            sections: sections)
    }
}
