import Foundation
import GRDB

/// A unit below this one (a school for a district, a district for a province) allowed to push
/// summaries here, with the secret its requests are signed with.
public struct RegisteredSender: Sendable, Hashable {
    public var code: String
    /// Needed to check signatures (HMAC is symmetric). Never printed: the CLI shows a fingerprint.
    public var secret: String
    public var addedAt: String
}

extension AppDatabase {
    /// Adds a sender or replaces the secret of a known one (a rotated secret). Returns true when new.
    @discardableResult
    public func addSender(code: String, secret: String, now: Date = Date()) throws -> Bool {
        try pool.write { db in
            let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM senders WHERE code = ?", arguments: [code]) ?? false
            try db.execute(
                sql: """
                INSERT INTO senders (code, secret, added_at) VALUES (?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET secret = excluded.secret, added_at = excluded.added_at
                """,
                arguments: [code, secret, Timestamp.string(now)])
            return !known
        }
    }

    public func senders() throws -> [RegisteredSender] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, secret, added_at FROM senders ORDER BY code").map(Self.sender)
        }
    }

    /// Async: read on every pushed request, which must not block a server thread.
    public func sender(code: String) async throws -> RegisteredSender? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT code, secret, added_at FROM senders WHERE code = ?", arguments: [code])
                .map(Self.sender)
        }
    }

    /// Intake is on exactly when this is true.
    public func hasSenders() async throws -> Bool {
        try await pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM senders)") ?? false }
    }

    private static func sender(_ row: Row) -> RegisteredSender {
        RegisteredSender(code: row["code"], secret: row["secret"], addedAt: row["added_at"])
    }
}
