import Analysis
import Forms
import Foundation
import GRDB
import Storage
import Summary

/// Photos and documents kept as evidence that an event took place (`event_evidence`, owned here).
/// A file is checked by `EvidenceFile` (type by content, size, a photo's location and author
/// metadata removed) before it is stored; the unit marks per file whether it may go upward.
public struct EvidenceItem: Sendable, Hashable {
    public var eventID: String
    public var sha256: String
    public var kind: EvidenceFile.Kind
    public var contentType: String
    public var bytes: Int
    public var consent: Bool
    public var createdBy: String
    public var createdAt: String
}

extension EventStore {
    public enum AttachOutcome: Sendable {
        /// Stored; `removedMetadata` tells whether a photo's metadata was taken out.
        case stored(EvidenceItem, removedMetadata: Bool)
        /// This event already has this file (the same bytes after checking): nothing added.
        case alreadyAttached(EvidenceItem)
    }

    public struct EvidenceRefused: Error, Sendable {
        public var problem: EvidenceFile.Problem
    }

    /// Checks and stores one file for an event; the same file again adds nothing. Audited with the
    /// checksum and size only.
    public func attach(event id: String, data: Data, consent: Bool, actor: String, now: Date = Date()) async throws -> AttachOutcome {
        let checked: EvidenceFile.Checked
        switch EvidenceFile.check(data) {
        case let .failure(problem): throw EvidenceRefused(problem: problem)
        case let .success(value): checked = value
        }
        let stamp = Timestamp.string(now)
        return try await database.write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM event_evidence WHERE event_id = ? AND sha256 = ?", arguments: [id, checked.sha256])
            {
                return .alreadyAttached(Self.evidenceItem(existing))
            }
            try db.execute(
                sql: """
                    INSERT INTO event_evidence (event_id, sha256, kind, content_type, bytes, consent, data, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, checked.sha256, checked.kind.rawValue, checked.contentType, checked.data.count, consent, checked.data,
                            actor, stamp])
            try AppDatabase.audit(
                db, actor: actor, action: "event.evidence",
                detail: "\(id) \(checked.kind.rawValue) \(checked.sha256.prefix(12)) \(checked.data.count) bytes consent=\(consent)", now: now)
            let item = EvidenceItem(eventID: id, sha256: checked.sha256, kind: checked.kind, contentType: checked.contentType,
                                    bytes: checked.data.count, consent: consent, createdBy: actor, createdAt: stamp)
            return .stored(item, removedMetadata: checked.removedMetadata)
        }
    }

    static func evidenceItem(_ row: Row) -> EvidenceItem {
        EvidenceItem(eventID: row["event_id"], sha256: row["sha256"], kind: EvidenceFile.Kind(rawValue: row["kind"]) ?? .photo,
                     contentType: row["content_type"], bytes: row["bytes"], consent: row["consent"], createdBy: row["created_by"],
                     createdAt: row["created_at"])
    }

    /// An event's files, oldest first (without their bytes).
    public func evidence(event id: String) async throws -> [EvidenceItem] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT event_id, sha256, kind, content_type, bytes, consent, created_by, created_at FROM event_evidence
                    WHERE event_id = ? ORDER BY created_at, sha256
                    """, arguments: [id]
            ).map(Self.evidenceItem)
        }
    }

    /// One file's bytes and type, for the event's page.
    public func evidenceFile(event id: String, sha256: String) async throws -> (contentType: String, data: Data)? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT content_type, data FROM event_evidence WHERE event_id = ? AND sha256 = ?",
                             arguments: [id, sha256]).map { ($0[0], $0[1]) }
        }
    }

    /// Changes whether a file may go upward; audited. A file already sent stays with the level
    /// above: withdrawing consent stops only what has not gone yet.
    public func setConsent(event id: String, sha256: String, consent: Bool, actor: String, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "UPDATE event_evidence SET consent = ? WHERE event_id = ? AND sha256 = ?", arguments: [consent, id, sha256])
            guard db.changesCount > 0 else { return false }
            try AppDatabase.audit(db, actor: actor, action: "event.evidence.consent",
                                  detail: "\(id) \(sha256.prefix(12)) consent=\(consent)", now: now)
            return true
        }
    }

    /// The files this unit let go upward, each once (a photo in two events is one file), and
    /// their bytes on demand: what the forwarder sends beside the summary.
    public func consentedEvidence() async throws -> [Summary.EvidenceRef] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sha256, max(bytes), max(content_type) FROM event_evidence WHERE consent GROUP BY sha256 ORDER BY min(created_at)
                    """
            ).map { Summary.EvidenceRef(sha256: $0[0], bytes: $0[1], type: $0[2], consent: true) }
        }
    }

    public func evidenceBytes(sha256: String) async throws -> Data? {
        try await database.read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM event_evidence WHERE sha256 = ? AND consent LIMIT 1", arguments: [sha256])
        }
    }

    /// Photos attached per unit and local day, for the calendar's «N photos» deadlines.
    public static func photosPerDay(_ db: Database, since day: String) throws -> [String: [(day: String, count: Int)]] {
        var perDay: [String: [(day: String, count: Int)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT e.unit, v.created_at FROM event_evidence v JOIN events e ON e.id = v.event_id WHERE v.kind = 'photo'
                """)
        {
            guard let date = Timestamps.parse(row[1] as String) else { continue }
            let local = LocalCalendar.day(of: date)
            guard local >= day else { continue }
            perDay[row[0], default: []].append((local, 1))
        }
        return perDay
    }

    /// Events held per unit and day, for the calendar's «an activity held» deadlines.
    public static func heldPerDay(_ db: Database, since day: String) throws -> [String: [(day: String, count: Int)]] {
        var perDay: [String: [(day: String, count: Int)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT unit, held_on, count(*) FROM events WHERE held_on >= ? GROUP BY 1, 2", arguments: [day]) {
            perDay[row[0], default: []].append((row[1], row[2]))
        }
        return perDay
    }

    /// The per-unit evidence list and photo/document counts of the events held in a period.
    static func evidenceTally(_ db: Database, school: String?, from: String?, to: String?) throws
        -> (refs: [String: [Summary.EvidenceRef]], counts: [String: [String: (photos: Int, documents: Int)]])
    {
        var refs: [String: [Summary.EvidenceRef]] = [:]
        var seen: Set<String> = []
        var counts: [String: [String: (photos: Int, documents: Int)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT e.unit, e.kind, v.sha256, v.bytes, v.content_type, v.consent, v.kind FROM event_evidence v
                JOIN events e ON e.id = v.event_id
                WHERE (?1 IS NULL OR e.unit = ?1) AND (?2 IS NULL OR e.held_on >= ?2) AND (?3 IS NULL OR e.held_on <= ?3)
                ORDER BY v.created_at, v.sha256
                """, arguments: [school, from, to])
        {
            let unit: String = row[0], kind: String = row[1], sha: String = row[2]
            var count = counts[unit]?[kind] ?? (0, 0)
            if (row[6] as String) == "photo" { count.photos += 1 } else { count.documents += 1 }
            counts[unit, default: [:]][kind] = count
            // One entry per file and unit; consent if any event of the unit gave it.
            if seen.insert(unit + "/" + sha).inserted {
                refs[unit, default: []].append(Summary.EvidenceRef(sha256: sha, bytes: row[3], type: row[4], consent: row[5]))
            } else if row[5] as Bool, let index = refs[unit]?.firstIndex(where: { $0.sha256 == sha }) {
                refs[unit]?[index].consent = true
            }
        }
        return (refs, counts)
    }
}
