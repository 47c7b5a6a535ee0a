import Analysis
import Foundation
import GRDB
import Storage

extension EventStore {
    /// The neutral label a delegate's given name becomes: «Đại biểu 3» for the third on the list.
    /// Not empty, because the register keeps one row per child (the quota and the counts need
    /// their school, age, gender and circumstances).
    public static func neutralName(position: Int) -> String { neutralPrefix + String(position + 1) }
    /// The label's words; the SQL below builds the same label from it.
    static let neutralPrefix = "Đại biểu "

    /// Retention of the delegate registers, beside that of children's own words: for events held
    /// more than `days` days ago (Vietnam's calendar days), each delegate's given name is replaced
    /// by its neutral label; everything counted stays. Audited with counts only. Returns how many
    /// names were removed (0 when they already were).
    public func removeDelegateNames(olderThan days: Int, now: Date = Date()) async throws -> Int {
        let cutoff = LocalCalendar.day(of: now.addingTimeInterval(-Double(days) * 86_400))
        return try await database.write { db in
            let events = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(DISTINCT d.event_id) FROM event_delegates d JOIN events e ON e.id = d.event_id
                    WHERE e.held_on < ?1 AND d.given_name <> ?2 || (d.position + 1)
                    """, arguments: [cutoff, Self.neutralPrefix]) ?? 0
            try db.execute(
                sql: """
                    UPDATE event_delegates SET given_name = ?2 || (position + 1)
                    WHERE given_name <> ?2 || (position + 1)
                      AND event_id IN (SELECT id FROM events WHERE held_on < ?1)
                    """, arguments: [cutoff, Self.neutralPrefix])
            let removed = db.changesCount
            if removed > 0 {
                try AppDatabase.audit(db, actor: "retention", action: "delegates.names_removed",
                                      detail: "\(removed) delegates of \(events) events held before \(cutoff)", now: now)
            }
            return removed
        }
    }
}
