import Foundation
import GRDB
import Storage

extension AppDatabase {
    /// The issue an analysed entry was grouped into; nil before analysis, or for a held entry.
    public func issueID(ofEntry id: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT a.issue_id FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE s.id = ?
                    """, arguments: [id.lowercased()])
        }
    }
}
