import Foundation
import GRDB
import Storage

/// Entries a person should look at: the classifier was unsure, or disagrees with the theme the
/// child chose. Safeguarding entries are not listed here; they have their own queue.
public enum ReviewQueue {
    public struct Item: Sendable {
        public var submission: String
        public var school: String
        public var theme: String
        public var source: String
        public var predicted: String
        public var confidence: Double
        public var text: String
    }

    public static func items(_ database: AppDatabase, limit: Int) throws -> [Item] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.school_code, a.theme, a.theme_source, a.predicted_theme, a.confidence, s.voice
                    FROM analyses a JOIN submissions s ON s.seq = a.seq
                    WHERE NOT a.safeguarding AND a.theme_source != 'staff'
                      AND (a.needs_review OR (a.theme_source = 'child' AND a.predicted_theme != a.theme AND a.confidence >= 0.8))
                    ORDER BY s.seq LIMIT ?
                    """, arguments: [limit]
            ).map {
                Item(submission: $0[0], school: $0[1], theme: $0[2], source: $0[3], predicted: $0[4], confidence: $0[5], text: $0[6])
            }
        }
    }

    public struct IssueRow: Sendable {
        public var id: String
        public var theme: String
        public var entries: Int
        public var participants: Int
        public var schools: Int
        public var representative: String
    }

    /// Open issues holding entries, the largest first.
    public static func issues(_ database: AppDatabase, theme: String?, limit: Int) throws -> [IssueRow] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(issueColumns) FROM issues i " + """
                    WHERE i.merged_into IS NULL AND i.entries > 0 AND (? IS NULL OR i.theme = ?)
                    ORDER BY i.entries DESC, i.id LIMIT ?
                    """, arguments: [theme, theme, limit]
            ).map(issueRow)
        }
    }

    static let issueColumns = """
        i.id, i.theme, i.entries, i.participants,
        (SELECT count(*) FROM issue_schools k WHERE k.issue_id = i.id), i.representative
        """

    static func issueRow(_ row: Row) -> IssueRow {
        IssueRow(id: row[0], theme: row[1], entries: row[2], participants: row[3], schools: row[4], representative: row[5])
    }
}
