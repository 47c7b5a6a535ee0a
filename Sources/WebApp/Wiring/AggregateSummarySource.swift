import Forwarder
import Forms
import Analysis
import Answers
import Foundation
import GRDB
import Reports
import Storage
import Summary

/// The summary pushed upstream: the Aggregator's summary of this unit's own entries (classified,
/// grouped into issues, safeguarding entries only counted) plus the latest summary of each unit
/// below. The same summary `tiengnoi aggregate --format json` prints.
public struct AggregateSummarySource: SummarySource {
    public let database: AppDatabase
    public let forms: FormVersions
    public let targets: CampaignTargets
    public let unit: String
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, forms: FormVersions, targets: CampaignTargets, unit: String,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.forms = forms
        self.targets = targets
        self.unit = unit
        self.clock = clock
    }

    public func dataVersion() async throws -> String {
        try await database.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT coalesce(max(seq), 0) FROM submissions) AS s_max,
                       (SELECT count(*) FROM submissions) AS s_count,
                       (SELECT coalesce(max(id), 0) FROM received_summaries) AS r_max,
                       (SELECT count(*) FROM schools) AS schools,
                       (SELECT count(*) FROM issues WHERE merged_into IS NOT NULL) AS merges,
                       (SELECT count(*) FROM theme_corrections) AS corrections,
                       (SELECT coalesce(max(published_seq), 0) FROM answers) AS answers
                """)!
            // Analysis itself changes issues only when entries arrive, which the first counts already
            // show; staff merges, theme corrections and published answers (the answered share) are
            // counted separately.
            let counts: [Int64] = [row["s_max"], row["s_count"], row["r_max"], row["schools"], row["merges"],
                                   row["corrections"], row["answers"]]
            return "submissions \(counts[0])/\(counts[1]); received \(counts[2]); schools \(counts[3]); "
                + "merges \(counts[4]); corrections \(counts[5]); answers \(counts[6])"
        }
    }

    public func currentSummary() async throws -> Summary {
        try await AnalysisPass(database: database, forms: forms).run()
        let below = try SummaryBuilder.latestBelow(database)
        return try await SummaryBuilder(database: database, forms: forms, targets: targets, unit: unit)
            .build(now: clock(), below: below)
    }
}

/// Answers pulled from the level above are kept by the Answers feature; the Forwarder only moves
/// the pages. Joined here, in the application layer, so neither feature depends on the other.
extension AnswerReceipt: PulledAnswerStore {}
