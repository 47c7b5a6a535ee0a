import Analysis
import Forms
import Foundation
import GRDB
import Storage
import Summary

/// The events tables' owner: `events`, `event_leaders`, `event_issues`, `event_delegates`,
/// `event_evidence`. Every change audited.
public struct EventStore: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public struct Invalid: Error, Sendable {
        public var errors: [FieldError]
    }

    /// Stores a checked draft; the issues it names must exist here.
    public func add(_ draft: EventDraft, kinds: EventKinds, actor: String, now: Date = Date()) async throws -> Event {
        let checked = draft.problems(kinds: kinds, today: LocalCalendar.day(of: now))
        let id = UUID().uuidString.lowercased()
        let stamp = Timestamp.string(now)
        let outcome = try await database.write { db -> Result<Event, Invalid> in
            let errors = checked + (try Self.missingReferences(db, draft))
            guard errors.isEmpty else { return .failure(Invalid(errors: errors)) }
            let a = draft.attendance
            try db.execute(
                sql: """
                    INSERT INTO events (id, kind, unit, held_on, place, girls, boys, other_gender, under_12, from_12_to_16,
                                        over_16, special_circumstances, outcome, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, draft.kind, draft.unit, draft.heldOn, draft.place, a.girls, a.boys, a.otherGender, a.under12,
                            a.from12to16, a.over16, a.specialCircumstances, draft.outcome, actor, stamp, stamp])
            try Self.insertLeaders(db, event: id, draft.leaders)
            try Self.insertIssues(db, event: id, draft.issues)
            try AppDatabase.audit(db, actor: actor, action: "event.add",
                                  detail: "\(id) \(draft.kind) \(draft.unit) \(draft.heldOn) children=\(a.children)", now: now)
            return .success(Event(id: id, kind: draft.kind, unit: draft.unit, heldOn: draft.heldOn, place: draft.place, attendance: a,
                                  leaders: draft.leaders, issues: draft.issues, outcome: draft.outcome, createdBy: actor, createdAt: stamp))
        }
        return try outcome.get()
    }

    /// Replaces what staff typed for an event (kind, unit, day, place, attendance, leaders, issues,
    /// outcome), with the same checks as `add`; its run sheet notes, delegates and evidence stay.
    /// Audited with the children present before and after.
    public func update(id: String, _ draft: EventDraft, kinds: EventKinds, actor: String, now: Date = Date()) async throws -> Event? {
        let checked = draft.problems(kinds: kinds, today: LocalCalendar.day(of: now))
        let stamp = Timestamp.string(now)
        let outcome = try await database.write { db -> Result<Event?, Invalid> in
            guard let before = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ?", arguments: [id]) else { return .success(nil) }
            let errors = checked + (try Self.missingReferences(db, draft))
            guard errors.isEmpty else { return .failure(Invalid(errors: errors)) }
            let a = draft.attendance
            try db.execute(
                sql: """
                    UPDATE events SET kind = ?, unit = ?, held_on = ?, place = ?, girls = ?, boys = ?, other_gender = ?, under_12 = ?,
                      from_12_to_16 = ?, over_16 = ?, special_circumstances = ?, outcome = ?, updated_at = ? WHERE id = ?
                    """,
                arguments: [draft.kind, draft.unit, draft.heldOn, draft.place, a.girls, a.boys, a.otherGender, a.under12, a.from12to16,
                            a.over16, a.specialCircumstances, draft.outcome, stamp, id])
            try db.execute(sql: "DELETE FROM event_leaders WHERE event_id = ?", arguments: [id])
            try Self.insertLeaders(db, event: id, draft.leaders)
            // Issues already on the run sheet keep their office and the answer noted; new ones are added.
            var notes: [String: (office: String?, answer: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT issue_id, office, answer_given FROM event_issues WHERE event_id = ?", arguments: [id]) {
                notes[row[0]] = (row[1], row[2])
            }
            try db.execute(sql: "DELETE FROM event_issues WHERE event_id = ?", arguments: [id])
            try Self.insertIssues(db, event: id, draft.issues, notes: notes)
            let childrenBefore = (before["girls"] as Int) + (before["boys"] as Int) + (before["other_gender"] as Int)
            try AppDatabase.audit(db, actor: actor, action: "event.edit",
                                  detail: "\(id) \(draft.kind) \(draft.unit) \(draft.heldOn) children \(childrenBefore) → \(a.children)", now: now)
            let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ?", arguments: [id])!
            return .success(try Self.event(row, db))
        }
        return try outcome.get()
    }

    /// The unit and issues a draft names that this instance does not have, each beside its field.
    static func missingReferences(_ db: Database, _ draft: EventDraft) throws -> [FieldError] {
        var errors: [FieldError] = []
        if try String.fetchOne(db, sql: "SELECT code FROM schools WHERE code = ?", arguments: [draft.unit]) == nil,
           draft.unit != "LOCAL"
        {
            errors.append(FieldError(field: "unit", code: .unknownSchool, vi: "Không có trường «\(draft.unit)»",
                                     en: "no school «\(draft.unit)»"))
        }
        for (index, issue) in draft.issues.enumerated()
        where try String.fetchOne(db, sql: "SELECT id FROM issues WHERE id = ?", arguments: [issue]) == nil {
            errors.append(FieldError(field: "issues[\(index)]", code: .unknownChoice, vi: "Không có vấn đề «\(issue)»",
                                     en: "no issue «\(issue)»"))
        }
        return errors
    }

    static func insertLeaders(_ db: Database, event id: String, _ leaders: [Event.Leader]) throws {
        for (position, leader) in leaders.enumerated() {
            try db.execute(sql: "INSERT INTO event_leaders (event_id, position, name, office) VALUES (?, ?, ?, ?)",
                           arguments: [id, position, leader.name, leader.office])
        }
    }

    /// The issues in the order raised; `notes` keeps a run sheet's office and answer by issue.
    static func insertIssues(_ db: Database, event id: String, _ issues: [String],
                             notes: [String: (office: String?, answer: String?)] = [:]) throws {
        for (position, issue) in issues.enumerated() {
            try db.execute(sql: "INSERT INTO event_issues (event_id, position, issue_id, office, answer_given) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, position, issue, notes[issue]?.office, notes[issue]?.answer])
        }
    }

    static func event(_ row: Row, _ db: Database) throws -> Event {
        let id: String = row["id"]
        let leaders = try Row.fetchAll(db, sql: "SELECT name, office FROM event_leaders WHERE event_id = ? ORDER BY position", arguments: [id])
            .map { Event.Leader(name: $0[0], office: $0[1]) }
        let issues = try String.fetchAll(db, sql: "SELECT issue_id FROM event_issues WHERE event_id = ? ORDER BY position", arguments: [id])
        return Event(
            id: id, kind: row["kind"], unit: row["unit"], heldOn: row["held_on"], place: row["place"],
            attendance: .init(girls: row["girls"], boys: row["boys"], otherGender: row["other_gender"], under12: row["under_12"],
                              from12to16: row["from_12_to_16"], over16: row["over_16"], specialCircumstances: row["special_circumstances"]),
            leaders: leaders, issues: issues, outcome: row["outcome"], createdBy: row["created_by"], createdAt: row["created_at"])
    }

    /// Newest first; `unit` for one school's; `from`/`to` (YYYY-MM-DD) the days held.
    public func list(unit: String? = nil, from: String? = nil, to: String? = nil, limit: Int = 500) async throws -> [Event] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM events WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR held_on >= ?2) AND (?3 IS NULL OR held_on <= ?3)
                    ORDER BY held_on DESC, created_at DESC LIMIT ?4
                    """, arguments: [unit, from, to, limit]
            ).map { try Self.event($0, db) }
        }
    }

    /// One event by id, or by the first 8 or more characters of it when unambiguous.
    public func event(id: String, unit: String? = nil) async throws -> Event? {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE (id = ?1 OR (length(?1) >= 8 AND id LIKE ?1 || '%')) AND (?2 IS NULL OR unit = ?2) LIMIT 2",
                arguments: [id, unit])
            guard rows.count == 1 else { return nil }
            return try Self.event(rows[0], db)
        }
    }

    /// Events held per unit and kind, with the children present: what a summary carries upward
    /// (counts only: no leader's name, no outcome text).
    public static func tally(_ db: Database, school: String? = nil, from: String? = nil, to: String? = nil) throws -> Summary.EventTally {
        var tally = Summary.EventTally()
        let evidence = try evidenceTally(db, school: school, from: from, to: to)
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT unit, kind, count(*), sum(girls + boys + other_gender), sum(special_circumstances),
                       sum((SELECT count(*) FROM event_delegates d WHERE d.event_id = events.id))
                FROM events WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR held_on >= ?2) AND (?3 IS NULL OR held_on <= ?3)
                GROUP BY 1, 2
                """, arguments: [school, from, to])
        {
            let unit: String = row[0], kind: String = row[1]
            let files = evidence.counts[unit]?[kind] ?? (0, 0)
            let count = Summary.EventCount(held: row[2], children: row[3], specialCircumstances: row[4], delegates: row[5],
                                           photos: files.photos, documents: files.documents)
            tally.total += count
            tally.unit[unit, default: .init()] += count
            tally.kind[kind, default: .init()] += count
        }
        tally.evidence = evidence.refs
        return tally
    }

    /// Changes whenever anything a summary's `events` counts changes: the push loop queues a new
    /// summary when this does.
    public static func dataVersion(_ db: Database) throws -> String {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT count(*) FROM events), (SELECT coalesce(max(updated_at), '') FROM events),
                       (SELECT count(*) FROM event_delegates), (SELECT count(*) FROM event_evidence),
                       (SELECT count(*) FROM event_evidence WHERE consent)
                """)!
        return "events \(row[0] as Int)/\(row[1] as String); delegates \(row[2] as Int); evidence \(row[3] as Int)/\(row[4] as Int)"
    }
}
