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

    /// The entries grouped into an issue (held ones never), oldest first: what an officer reads
    /// before answering it. `school` limits them to one school's.
    public func entries(ofIssue issue: String, school: String? = nil, limit: Int = 500) async throws -> [SubmissionRecord] {
        try await read { db in
            try SubmissionRecord.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM analyses a JOIN submissions s ON s.seq = a.seq
                    WHERE a.issue_id = ? AND NOT a.safeguarding AND NOT s.safeguarding AND (?2 IS NULL OR s.school_code = ?2)
                    ORDER BY s.seq LIMIT ?
                    """, arguments: [issue, school, limit])
        }
    }
}
