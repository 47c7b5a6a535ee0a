import Foundation
import GRDB

/// A stored entry, as `submissions` holds it. The table is written only by `SubmissionWriter`
/// (and retention); everyone else reads it through the named methods below.
public struct SubmissionRecord: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "submissions"

    public enum Columns {
        public static let seq = Column(CodingKeys.seq)
        public static let id = Column(CodingKeys.id)
        public static let schoolCode = Column(CodingKeys.schoolCode)
        public static let safeguarding = Column(CodingKeys.safeguarding)
    }

    public var seq: Int64
    public var id: String
    public var formId: String
    public var formVersion: Int
    /// The answers as stored: canonical JSON text.
    public var answers: String
    public var schoolCode: String
    public var grade: Int?
    public var age: Int?
    public var gender: String?
    public var kind: String?
    public var chosenTheme: String?
    public var participants: Int
    /// The child's own words (empty once retention removed them).
    public var voice: String
    public var receivedAt: String
    public var source: String
    public var safeguarding: Bool
    public var safeguardingReasons: String?
    public var safeguardingHandledAt: String?
    public var safeguardingHandledBy: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

extension AppDatabase {
    /// Entries in the order they were stored, oldest first (for checks and small exports).
    public func submissions(limit: Int = 10_000) async throws -> [SubmissionRecord] {
        try await read { db in try SubmissionRecord.order(SubmissionRecord.Columns.seq).limit(limit).fetchAll(db) }
    }

    public func submission(id: String) async throws -> SubmissionRecord? {
        try await read { db in try SubmissionRecord.filter(SubmissionRecord.Columns.id == id.lowercased()).fetchOne(db) }
    }

    /// Entries held for safeguarding staff, unhandled first, newest first; one school's only when
    /// `school` is given (a coordinator with the permission).
    public func heldEntries(school: String?, limit: Int = 500) async throws -> [SubmissionRecord] {
        try await read { db in
            var request = SubmissionRecord.filter(SubmissionRecord.Columns.safeguarding == true)
            if let school { request = request.filter(SubmissionRecord.Columns.schoolCode == school) }
            return try request.order(sql: "safeguarding_handled_at IS NOT NULL, seq DESC").limit(limit).fetchAll(db)
        }
    }

    /// Marks a held entry as followed up, audited in the same transaction. False when there is no
    /// such held entry (or it is another school's, for a coordinator).
    public func markHeldEntryHandled(id: String, by actor: String, school: String?, now: Date = Date()) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE submissions SET safeguarding_handled_at = ?, safeguarding_handled_by = ?
                    WHERE id = ? AND safeguarding AND (? IS NULL OR school_code = ?)
                    """, arguments: [Timestamp.string(now), actor, id.lowercased(), school, school])
            guard db.changesCount == 1 else { return false }
            try Self.audit(db, actor: actor, action: "safeguarding.handled", detail: id.lowercased(), now: now)
            return true
        }
    }

    /// How many entries are stored, without blocking a server thread.
    public func countSubmissions() async throws -> Int {
        try await read { db in try SubmissionRecord.fetchCount(db) }
    }
}
