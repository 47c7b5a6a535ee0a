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

    public static func issues(_ database: AppDatabase, theme: String?, limit: Int) throws -> [IssueRow] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.theme, i.entries, i.participants,
                           (SELECT count(*) FROM issue_schools k WHERE k.issue_id = i.id), i.representative
                    FROM issues i WHERE i.merged_into IS NULL AND i.entries > 0 AND (? IS NULL OR i.theme = ?)
                    ORDER BY i.entries DESC, i.id LIMIT ?
                    """, arguments: [theme, theme, limit]
            ).map {
                IssueRow(id: $0[0], theme: $0[1], entries: $0[2], participants: $0[3], schools: $0[4], representative: $0[5])
            }
        }
    }
}
