import Foundation
import Events
import GRDB
import Storage

extension AppDatabase {
    /// Changes whenever what the summary is built from changes, so `serve` does not push the same
    /// counts again every interval. Analysis itself changes issues only when entries arrive, which
    /// the first counts already show; staff merges, theme corrections and published answers (the
    /// answered share) are counted separately.
    public func summaryDataVersion() async throws -> String {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT coalesce(max(seq), 0) FROM submissions) AS s_max,
                           (SELECT count(*) FROM submissions) AS s_count,
                           (SELECT coalesce(max(id), 0) FROM received_summaries) AS r_max,
                           (SELECT count(*) FROM schools) AS schools,
                           (SELECT count(*) FROM issues WHERE merged_into IS NOT NULL) AS merges,
                           (SELECT count(*) FROM theme_corrections) AS corrections,
                           (SELECT coalesce(max(published_seq), 0) FROM answers) AS answers
                    """)!
            let counts: [Int64] = [
                row["s_max"], row["s_count"], row["r_max"], row["schools"], row["merges"],
                row["corrections"], row["answers"],
            ]
            // Events too: a forum recorded or a photo attached is news for the level above.
            return "submissions \(counts[0])/\(counts[1]); received \(counts[2]); schools \(counts[3]); "
                + "merges \(counts[4]); corrections \(counts[5]); answers \(counts[6]); \(try EventStore.dataVersion(db))"
        }
    }
}
