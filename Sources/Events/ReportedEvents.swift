import Foundation
import GRDB
import Storage

/// What the official reports read about events: counts, the kind, the unit, the day and the issues
/// taken. The register's names are not part of it (a report is handed to leaders, and a delegate
/// is a child): delegates come as a number only.
extension EventStore {
    public struct ReportedEvent: Sendable, Hashable {
        public var id: String
        public var kind: String
        public var unit: String
        /// YYYY-MM-DD
        public var heldOn: String
        public var attendance: Event.Attendance
        public var delegates: Int
        /// Photos kept as evidence of it (the calendar's «N photos»).
        public var photos: Int
        /// Issues taken to it, in the order they were raised.
        public var issues: [String]
    }

    /// Events held from `from` to `to` (YYYY-MM-DD, inclusive; nil leaves that end open), oldest
    /// first, so a report lists them in the order they happened.
    public func reportedEvents(from: String?, to: String?) async throws -> [ReportedEvent] {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, unit, held_on, girls, boys, other_gender, under_12, from_12_to_16, over_16, special_circumstances,
                           (SELECT count(*) FROM event_delegates d WHERE d.event_id = events.id) AS delegates,
                           (SELECT count(*) FROM event_evidence v WHERE v.event_id = events.id AND v.kind = 'photo') AS photos
                    FROM events WHERE (?1 IS NULL OR held_on >= ?1) AND (?2 IS NULL OR held_on <= ?2)
                    ORDER BY held_on, created_at
                    """, arguments: [from, to])
            return try rows.map { row in
                let id: String = row["id"]
                let issues = try String.fetchAll(
                    db, sql: "SELECT issue_id FROM event_issues WHERE event_id = ? ORDER BY position", arguments: [id])
                return ReportedEvent(
                    id: id, kind: row["kind"], unit: row["unit"], heldOn: row["held_on"],
                    attendance: .init(girls: row["girls"], boys: row["boys"], otherGender: row["other_gender"], under12: row["under_12"],
                                      from12to16: row["from_12_to_16"], over16: row["over_16"],
                                      specialCircumstances: row["special_circumstances"]),
                    delegates: row["delegates"], photos: row["photos"], issues: issues)
            }
        }
    }
}
