import Foundation
import GRDB

/// Where the follow-up of a held entry stands: new → contacted → referred (to 111, the police, the
/// school, a social worker, health) → closed. A held entry without a row is `new`.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case new, contacted, referred, closed

    public var labelVI: String {
        switch self {
        case .new: "Mới"
        case .contacted: "Đã liên hệ"
        case .referred: "Đã chuyển tuyến"
        case .closed: "Đã đóng"
        }
    }
}

public enum Referral: String, Codable, Sendable, CaseIterable {
    case hotline111 = "hotline_111"
    case police, school
    case socialWorker = "social_worker"
    case health

    public var labelVI: String {
        switch self {
        case .hotline111: "Tổng đài 111"
        case .police: "Công an"
        case .school: "Nhà trường"
        case .socialWorker: "Nhân viên công tác xã hội"
        case .health: "Cơ sở y tế"
        }
    }
}

/// One held entry with its case: what the safeguarding officer reads and follows up.
public struct SafeguardingCase: Sendable, Hashable {
    public var entry: SubmissionRecord
    public var status: CaseStatus
    public var referredTo: Referral?
    public var nextStep: String?
    /// "YYYY-MM-DD"
    public var nextStepDue: String?
    public var updatedAt: String?
    public var updatedBy: String?

    /// Not closed and its next step is past due (or it was never looked at for a day).
    public func isOverdue(today: String) -> Bool {
        guard status != .closed else { return false }
        if let due = nextStepDue { return due < today }
        return status == .new && String(entry.receivedAt.prefix(10)) < today
    }
}

/// One recorded change to a case.
public struct CaseNote: Sendable, Hashable {
    public var at: String
    public var actor: String
    public var status: CaseStatus
    public var referredTo: Referral?
    public var nextStep: String?
    public var nextStepDue: String?
    public var note: String
}

/// What the officer records; checked by `AppDatabase.updateCase`.
public struct CaseUpdate: Sendable {
    public var status: CaseStatus
    public var referredTo: Referral?
    public var nextStep: String?
    public var nextStepDue: String?
    public var note: String

    public init(status: CaseStatus, referredTo: Referral?, nextStep: String?, nextStepDue: String?, note: String) {
        self.status = status
        self.referredTo = referredTo
        self.nextStep = nextStep
        self.nextStepDue = nextStepDue
        self.note = note
    }
}

extension AppDatabase {
    private static func safeguardingCase(_ entry: SubmissionRecord, _ row: Row?) -> SafeguardingCase {
        SafeguardingCase(
            entry: entry, status: row.flatMap { CaseStatus(rawValue: $0["status"]) } ?? .new,
            referredTo: row.flatMap { ($0["referred_to"] as String?).flatMap(Referral.init(rawValue:)) },
            nextStep: row?["next_step"], nextStepDue: row?["next_step_due"], updatedAt: row?["updated_at"],
            updatedBy: row?["updated_by"])
    }

    /// Every held entry as a case, one school's when `school` is given.
    public func cases(school: String?, limit: Int = 1_000) async throws -> [SafeguardingCase] {
        try await read { db in
            var request = SubmissionRecord.filter(SubmissionRecord.Columns.safeguarding == true)
            if let school { request = request.filter(SubmissionRecord.Columns.schoolCode == school) }
            let entries = try request.order(SubmissionRecord.Columns.seq.desc).limit(limit).fetchAll(db)
            var rows: [String: Row] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM safeguarding_cases") { rows[row["entry_id"]] = row }
            return entries.map { Self.safeguardingCase($0, rows[$0.id]) }
        }
    }

    /// One case with its notes, oldest first; nil when the entry is not held (or is another school's).
    public func safeguardingCase(id: String, school: String?) async throws -> (SafeguardingCase, [CaseNote])? {
        try await read { db in
            guard let entry = try SubmissionRecord.filter(SubmissionRecord.Columns.id == id.lowercased())
                .filter(SubmissionRecord.Columns.safeguarding == true).fetchOne(db),
                school == nil || entry.schoolCode == school
            else { return nil }
            let row = try Row.fetchOne(db, sql: "SELECT * FROM safeguarding_cases WHERE entry_id = ?", arguments: [entry.id])
            let notes = try Row.fetchAll(
                db, sql: "SELECT * FROM safeguarding_case_notes WHERE entry_id = ? ORDER BY id", arguments: [entry.id]
            ).map { row in
                CaseNote(at: row["at"], actor: row["actor"], status: CaseStatus(rawValue: row["status"]) ?? .new,
                         referredTo: (row["referred_to"] as String?).flatMap(Referral.init(rawValue:)), nextStep: row["next_step"],
                         nextStepDue: row["next_step_due"], note: row["note"])
            }
            return (Self.safeguardingCase(entry, row), notes)
        }
    }

    /// Records a change to a case and its note, audited, in one transaction. False when the entry
    /// is not a held one the actor may see.
    public func updateCase(id: String, _ update: CaseUpdate, by actor: String, school: String?, now: Date = Date())
        async throws -> Bool
    {
        let stamp = Timestamp.string(now)
        return try await write { db in
            guard let entry = try SubmissionRecord.filter(SubmissionRecord.Columns.id == id.lowercased())
                .filter(SubmissionRecord.Columns.safeguarding == true).fetchOne(db),
                school == nil || entry.schoolCode == school
            else { return false }
            try db.execute(
                sql: """
                    INSERT INTO safeguarding_cases (entry_id, status, referred_to, next_step, next_step_due, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (entry_id) DO UPDATE SET status = excluded.status, referred_to = excluded.referred_to,
                      next_step = excluded.next_step, next_step_due = excluded.next_step_due,
                      updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """,
                arguments: [entry.id, update.status.rawValue, update.referredTo?.rawValue, update.nextStep, update.nextStepDue,
                            stamp, actor])
            try db.execute(
                sql: """
                    INSERT INTO safeguarding_case_notes (entry_id, at, actor, status, referred_to, next_step, next_step_due, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [entry.id, stamp, actor, update.status.rawValue, update.referredTo?.rawValue, update.nextStep,
                            update.nextStepDue, update.note])
            if update.status == .closed {
                // The queue's "handled" mark follows the case.
                try db.execute(
                    sql: "UPDATE submissions SET safeguarding_handled_at = ?, safeguarding_handled_by = ? WHERE id = ?",
                    arguments: [stamp, actor, entry.id])
            }
            try Self.audit(db, actor: actor, action: "safeguarding.case", detail: "\(entry.id) \(update.status.rawValue)", now: now)
            return true
        }
    }
}
