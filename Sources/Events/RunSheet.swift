import Analysis
import Foundation
import GRDB
import Storage

/// A dialogue's run sheet: the questions shortlisted for each leader's office, in order, to print
/// per leader and to note the answer given on the day. A noted answer becomes a draft answer to the
/// issue, published after review on the issue's page (the WebApp does that through Answers).
extension EventStore {
    public struct RunSheetLine: Sendable, Hashable {
        public var position: Int
        public var issue: String
        /// The issue's wording as scrubbed for upstream: a leader's sheet names no child.
        public var wording: String
        public var office: String
        public var answerGiven: String?
    }

    /// Replaces the event's list of issues with these, in order, each put to an office.
    public func shortlist(event id: String, _ lines: [(issue: String, office: String)], actor: String, now: Date = Date()) async throws
        -> [String]
    {
        try await database.write { db -> [String] in
            var unknown: [String] = []
            for line in lines where try String.fetchOne(db, sql: "SELECT id FROM issues WHERE id = ?", arguments: [line.issue]) == nil {
                unknown.append(line.issue)
            }
            guard unknown.isEmpty else { return unknown }
            try db.execute(sql: "DELETE FROM event_issues WHERE event_id = ?", arguments: [id])
            for (position, line) in lines.enumerated() {
                try db.execute(sql: "INSERT INTO event_issues (event_id, position, issue_id, office) VALUES (?, ?, ?, ?)",
                               arguments: [id, position, line.issue, line.office])
            }
            try AppDatabase.audit(db, actor: actor, action: "event.shortlist", detail: "\(id) \(lines.count) issues", now: now)
            return []
        }
    }

    /// The lines for one office (every line when nil), in the order they will be asked.
    public func runSheet(event id: String, office: String? = nil) async throws -> [RunSheetLine] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.position, e.issue_id, i.representative, coalesce(e.office, ''), e.answer_given
                    FROM event_issues e JOIN issues i ON i.id = e.issue_id
                    WHERE e.event_id = ? AND (? IS NULL OR e.office = ?) ORDER BY e.position
                    """, arguments: [id, office, office]
            ).map { row in
                RunSheetLine(position: row[0], issue: row[1], wording: PersonalDataScrubber.scrub(row[2]), office: row[3], answerGiven: row[4])
            }
        }
    }

    /// The offices the event's questions are put to, in the order they first come.
    public func offices(event id: String) async throws -> [String] {
        var seen: [String] = []
        for line in try await runSheet(event: id) where !line.office.isEmpty && !seen.contains(line.office) { seen.append(line.office) }
        return seen
    }

    /// Notes the answer a leader gave on the day; false when the issue is not on the sheet.
    public func noteAnswer(event id: String, issue: String, text: String, actor: String, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "UPDATE event_issues SET answer_given = ? WHERE event_id = ? AND issue_id = ?", arguments: [text, id, issue])
            guard db.changesCount > 0 else { return false }
            try AppDatabase.audit(db, actor: actor, action: "event.answer", detail: "\(id) \(issue)", now: now)
            return true
        }
    }
}
