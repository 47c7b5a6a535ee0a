import Foundation
import GRDB
import Storage

/// Which unit below reported which issue, read from the summaries they pushed. An answer to an
/// issue goes down to every unit that ever reported it, which includes a ward relaying a school's
/// issue: the ward reported it, and passes the answer on to the school the same way.
/// "Ever" rather than "in the latest summary": an issue merged away below still gets its answer.
enum AnswerRoutes {
    /// Indexes summaries received since the last call. Cheap when nothing arrived; run inside the
    /// write transaction that needs the routes, so they are never behind what was received.
    static func refresh(_ db: Database) throws {
        let done = try Int64.fetchOne(db, sql: "SELECT last_received_id FROM answer_routes_progress WHERE id = 1") ?? 0
        guard let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM received_summaries"), newest > done else { return }
        try db.execute(
            sql: """
                INSERT INTO answer_routes (sender, issue_id, first_seen)
                SELECT r.sender, json_extract(j.value, '$.id'), min(r.received_at)
                FROM received_summaries r, json_each(r.payload, '$.issues') j
                WHERE r.id > ? AND json_extract(j.value, '$.id') IS NOT NULL
                GROUP BY 1, 2
                ON CONFLICT (sender, issue_id) DO NOTHING
                """, arguments: [done])
        try db.execute(
            sql: """
                INSERT INTO answer_routes_progress (id, last_received_id) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET last_received_id = excluded.last_received_id
                """, arguments: [newest])
    }

    /// True when some unit below reported this issue.
    static func isKnown(_ issue: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM answer_routes WHERE issue_id = ?)", arguments: [issue]) ?? false
    }

    /// Issue ids reported from below starting with `prefix` (for the CLI's short ids).
    static func ids(startingWith prefix: String, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT issue_id FROM answer_routes WHERE substr(issue_id, 1, length(?1)) = ?1 LIMIT 3
                """, arguments: [prefix])
    }
}

/// An issue as a unit below reported it in its latest summary: what staff here answer.
public struct ReportedIssue: Sendable, Hashable {
    public var id: String
    public var theme: String
    public var representative: String
    public var entries: Int
    public var participants: Int
    public var schools: [String]
    /// The unit that formed it.
    public var origin: String
    /// The unit below whose summary carried it.
    public var sender: String
    /// When it first arrived here: the default due date counts from it.
    public var firstSeen: String

    /// Every issue in the latest summary of each unit below, once each.
    static func all(_ db: Database) throws -> [ReportedIssue] {
        var seen: Set<String> = []
        return try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(j.value, '$.id') AS id, json_extract(j.value, '$.theme') AS theme,
                       json_extract(j.value, '$.representative') AS representative,
                       json_extract(j.value, '$.entries') AS entries, json_extract(j.value, '$.participants') AS participants,
                       json_extract(j.value, '$.schools') AS schools, json_extract(j.value, '$.origin') AS origin,
                       r.sender AS sender, coalesce(k.first_seen, r.received_at) AS first_seen
                FROM latest_received_summaries r, json_each(r.payload, '$.issues') j
                LEFT JOIN answer_routes k ON k.sender = r.sender AND k.issue_id = json_extract(j.value, '$.id')
                WHERE json_extract(j.value, '$.id') IS NOT NULL
                ORDER BY r.sender, j.key
                """
        ).compactMap { row in
            let id: String = row["id"]
            guard seen.insert(id).inserted else { return nil }
            let schoolsJSON: String = row["schools"] ?? "[]"
            let schools = (try? JSONDecoder().decode([String].self, from: Data(schoolsJSON.utf8))) ?? []
            return ReportedIssue(
                id: id, theme: row["theme"] ?? "other", representative: row["representative"] ?? "",
                entries: row["entries"] ?? 0, participants: row["participants"] ?? 0, schools: schools,
                origin: row["origin"] ?? row["sender"], sender: row["sender"], firstSeen: row["first_seen"])
        }
    }
}
