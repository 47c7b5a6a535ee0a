import Aggregator
import Foundation
import GRDB
import Storage

/// STAND-IN, to be replaced by the Aggregator's summary (theme classification, issues, safeguarding
/// hold-back). It builds a minimal but honest `Summary` from stored columns only: counts by school,
/// theme (the child's chosen theme, else `other`), kind and gender, plus each registered sender's
/// latest summary added in. It never reads `answers`, so no name, contact or free text can leak,
/// and it forms no issues.
public struct StandInSummarySource: SummarySource {
    public let database: AppDatabase
    public let unit: String
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, unit: String, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.unit = unit
        self.clock = clock
    }

    public func dataVersion() async throws -> String {
        try await database.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT coalesce(max(rowid), 0) FROM submissions) AS s_max,
                       (SELECT count(*) FROM submissions) AS s_count,
                       (SELECT coalesce(max(id), 0) FROM received_summaries) AS r_max,
                       (SELECT count(*) FROM received_summaries) AS r_count,
                       (SELECT count(*) FROM schools) AS schools
                """)!
            let parts: [Int64] = [row["s_max"], row["s_count"], row["r_max"], row["r_count"], row["schools"]]
            return "submissions \(parts[0])/\(parts[1]); received \(parts[2])/\(parts[3]); schools \(parts[4])"
        }
    }

    public func currentSummary() async throws -> Summary {
        let now = clock()
        let (own, received) = try await database.pool.read { db in
            (try Self.ownCounts(db), try Self.latestReceived(db))
        }
        var totals = own.totals
        var tallies = own.tallies
        for summary in received.map(\.summary) {
            totals.entries += summary.totals.entries
            totals.consultations += summary.totals.consultations
            totals.safeguardingHeld += summary.totals.safeguardingHeld
            for (dimension, values) in summary.tallies {
                for (value, count) in values {
                    tallies[dimension, default: [:]][value] = (tallies[dimension]?[value] ?? Summary.Count()) + count
                }
            }
        }
        totals.activeSchools = tallies["school", default: [:]].values.filter { $0.entries > 0 }.count
        return Summary(unit: unit, generatedAt: Timestamp.string(now), forms: own.forms, totals: totals,
                       tallies: tallies, issues: [],
                       includes: received.map { Summary.IncludedUnit(unit: $0.row.sender, generatedAt: $0.row.generatedAt,
                                                                     receivedAt: $0.row.receivedAt) })
    }

    struct OwnCounts {
        var totals: Summary.Totals
        var tallies: [String: [String: Summary.Count]]
        var forms: [Summary.FormReference]
    }

    static func ownCounts(_ db: Database) throws -> OwnCounts {
        let totalsRow = try Row.fetchOne(db, sql: """
            SELECT count(*) AS entries, coalesce(sum(participants), 0) AS consultations,
                   count(DISTINCT school_code) AS active, (SELECT count(*) FROM schools) AS registered
            FROM submissions
            """)!
        let totals = Summary.Totals(entries: totalsRow["entries"], consultations: totalsRow["consultations"],
                                    activeSchools: totalsRow["active"], registeredSchools: totalsRow["registered"],
                                    safeguardingHeld: 0)
        // Column expressions are fixed strings, never user input.
        let dimensions = ["school": "school_code", "theme": "coalesce(chosen_theme, 'other')",
                          "kind": "coalesce(kind, 'unspecified')", "gender": "coalesce(gender, 'unspecified')"]
        var tallies: [String: [String: Summary.Count]] = [:]
        for (dimension, expression) in dimensions {
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(expression) AS value, count(*) AS entries, sum(participants) AS consultations
                FROM submissions GROUP BY 1
                """)
            if rows.isEmpty { continue }
            tallies[dimension] = Dictionary(uniqueKeysWithValues: rows.map {
                ($0["value"] as String, Summary.Count(entries: $0["entries"], consultations: $0["consultations"]))
            })
        }
        let forms = try Row.fetchAll(db, sql: """
            SELECT form_id, form_version FROM submissions GROUP BY form_id, form_version ORDER BY form_id, form_version
            """)
        let grouped = Dictionary(grouping: forms, by: { $0["form_id"] as String })
        let references = grouped.keys.sorted().map { id in
            Summary.FormReference(id: id, versions: grouped[id]!.map { $0["form_version"] as Int })
        }
        return OwnCounts(totals: totals, tallies: tallies, forms: references)
    }

    /// Each sender's latest summary that still decodes; one that does not (a schema change below)
    /// is left out rather than breaking this unit's own push.
    static func latestReceived(_ db: Database) throws -> [(row: ReceivedSummary, summary: Summary)] {
        try AppDatabase.latestReceivedSummaries(db).compactMap { received in
            guard case let .success(summary) = Summary.decodeValidated(Data(received.payload.utf8)) else { return nil }
            return (received, summary)
        }
    }
}
