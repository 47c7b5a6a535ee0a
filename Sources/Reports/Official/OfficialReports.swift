import Answers
import Forms
import Foundation
import Storage

/// The reports officers hand over, by kind; the CLI (`tiengnoi report`) and the staff reports page
/// both make them here, so the files are the same whichever door they come from.
public enum ReportKind: String, CaseIterable, Sendable {
    /// Every question and recommendation of the period in the three groups plus «chưa trả lời».
    case followup
    /// The consolidated questions and recommendations for the forum above.
    case recommendations
    /// The November results report: targets, participation, units on time and late, top issues.
    case yearly

    public var labelVI: String {
        switch self {
        case .followup: "Báo cáo kết quả trả lời, giải quyết câu hỏi, kiến nghị"
        case .recommendations: "Tổng hợp câu hỏi, kiến nghị gửi diễn đàn cấp trên"
        case .yearly: "Báo cáo kết quả năm"
        }
    }
}

public struct OfficialReports: Sendable {
    public let database: AppDatabase
    public let forms: FormVersions
    public let targets: CampaignTargets
    /// The unit code the yearly report's summary is built for, as `tiengnoi aggregate --unit`.
    public var unit = "LOCAL"

    public init(database: AppDatabase, forms: FormVersions, targets: CampaignTargets) {
        self.database = database
        self.forms = forms
        self.targets = targets
    }

    public func document(_ kind: ReportKind, period: ReportPeriod, periodLabel: String? = nil, unitName: String,
                         now: Date = Date()) async throws -> ReportDocument {
        let items = try await AnswerBoard(database: database, policy: targets.answers).items(.init(limit: .max), now: now)
        let themes = Dictionary(forms.latestForms.flatMap { $0.themes.map { ($0.code, $0.name.vi) } }, uniquingKeysWith: { a, _ in a })
        let schools = Dictionary(try database.schools().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let followup = FollowupReport(
            unitName: unitName, period: period, items: items,
            themeName: { themes[$0] ?? ($0 == "other" ? "Vấn đề khác" : $0) }, schoolName: { schools[$0] ?? $0 },
            generatedAt: now)
        switch kind {
        case .followup: return followup.document
        case .recommendations: return RecommendationsReport(followup: followup).document
        case .yearly:
            var builder = SummaryBuilder(database: database, forms: forms, targets: targets, unit: unit)
            if period.from != nil || period.to != nil {
                builder.period = period
                builder.periodLabel = periodLabel
            }
            let summary = try await builder.build(now: now, below: try SummaryBuilder.latestBelow(database))
            var answers: [String: AnswerItem] = [:]
            for item in items where item.target.kind == "issue" { answers[item.target.id] = item }
            let deadlines = try await DeadlineTracker(database: database, calendar: targets.calendar).rows(now: now)
            return YearlyReport(
                summary: summary, renderer: ReportRenderer(summary: summary, forms: forms, schools: try database.schools()),
                unitName: unitName, period: period, deadlines: deadlines, answers: answers
            ).document
        }
    }
}
