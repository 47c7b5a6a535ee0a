import Analysis
import Answers
import Forms
import Forwarder
import Foundation
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
    /// In a server, its one `AnalysisRunner`, so that the pass before a summary and the background
    /// one take turns instead of colliding; a command, given none, has a runner of its own.
    let analysis: AnalysisRunner

    public init(
        database: AppDatabase, forms: FormVersions, targets: CampaignTargets, unit: String,
        clock: @escaping @Sendable () -> Date = Date.init, analysis: AnalysisRunner? = nil
    ) {
        self.database = database
        self.forms = forms
        self.targets = targets
        self.unit = unit
        self.clock = clock
        self.analysis = analysis ?? AnalysisRunner(pass: AnalysisPass(database: database, forms: forms))
    }

    public func dataVersion() async throws -> String { try await database.summaryDataVersion() }

    public func currentSummary() async throws -> Summary {
        try await analysis.run()
        let below = try SummaryBuilder.latestBelow(database)
        return try await SummaryBuilder(database: database, forms: forms, targets: targets, unit: unit)
            .build(now: clock(), below: below)
    }
}

/// Answers pulled from the level above are kept by the Answers feature; the Forwarder only moves
/// the pages. Joined here, in the application layer, so neither feature depends on the other.
extension AnswerReceipt: PulledAnswerStore {}
