import Answers
import Events
import Forms
import Foundation
import GRDB
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
    /// Questions and recommendations written in the period, per issue and per entry answered on
    /// its own (held entries never), as the summary's answered share counts them.
    func asks(in period: ReportPeriod) async throws -> [String: Int] {
        let kinds = targets.answers.kinds
        return try await database.read { db in
            var asks: [String: Int] = [:]
            let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.issue_id, s.id FROM analyses a JOIN submissions s ON s.seq = a.seq
                    WHERE NOT a.safeguarding AND s.kind IN (\(placeholders))
                      AND (? IS NULL OR \(EntryDay.sql) >= ?) AND (? IS NULL OR \(EntryDay.sql) <= ?)
                    """, arguments: StatementArguments(kinds) + [period.from, period.from, period.to, period.to])
            {
                if let issue: String = row[0] { asks[issue, default: 0] += 1 }
                asks[row[1] as String, default: 0] += 1
            }
            return asks
        }
    }

    public let database: AppDatabase
    public let forms: FormVersions
    public let targets: CampaignTargets
    /// The unit code the yearly report's summary is built for, as `tiengnoi aggregate --unit`.
    public var unit = "LOCAL"
    /// The kinds' labels for the events sections (forms/targets.yaml `events:`).
    public var eventKinds = EventKinds.defaults

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
        let bounded = period.from != nil || period.to != nil
        let events = ReportEvents(
            events: try await EventStore(database: database).reportedEvents(from: period.from, to: period.to), kinds: eventKinds,
            unitName: { $0 == "LOCAL" ? unitName : schools[$0] ?? $0 })
        var followup = FollowupReport(
            unitName: unitName, period: period, items: items,
            asksInPeriod: bounded ? try await asks(in: period) : nil,
            themeName: { themes[$0] ?? ($0 == "other" ? "Vấn đề khác" : $0) }, schoolName: { schools[$0] ?? $0 },
            generatedAt: now)
        followup.events = events
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
            var yearly = YearlyReport(
                summary: summary, renderer: ReportRenderer(summary: summary, forms: forms, schools: try database.schools()),
                unitName: unitName, period: period, deadlines: deadlines, answers: answers)
            yearly.events = events
            return yearly.document
        }
    }
}
