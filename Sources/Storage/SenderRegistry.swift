import Foundation
import GRDB

/// A unit below this one (a school for a district, a district for a province) allowed to push
/// summaries here, with the secret its requests are signed with.
public struct RegisteredSender: Sendable, Hashable {
    public var code: String
    /// Needed to check signatures (HMAC is symmetric). Never printed: the CLI shows a fingerprint.
    public var secret: String
    public var addedAt: String
    /// The units it may speak for besides itself (a ward's schools, a district's wards and schools).
    public var units: [String] = []
}

extension AppDatabase {
    /// Adds a sender or replaces the secret of a known one (a rotated secret). `units` (when given)
    /// replaces the list of units registered below it. Returns true when new.
    @discardableResult
    public func addSender(code: String, secret: String, units: [String]? = nil, actor: String = "cli", now: Date = Date()) throws -> Bool {
        try write { db in
            let previous = try String.fetchOne(db, sql: "SELECT secret FROM senders WHERE code = ?", arguments: [code])
            let known = previous != nil
            try db.execute(
                sql: """
                    INSERT INTO senders (code, secret, added_at) VALUES (?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET secret = excluded.secret,
                        added_at = CASE WHEN senders.secret = excluded.secret THEN senders.added_at ELSE excluded.added_at END
                    """,
                arguments: [code, secret, Timestamp.string(now)])
            if let units {
                try db.execute(sql: "DELETE FROM sender_units WHERE sender = ?", arguments: [code])
                for unit in Set(units) where !unit.isEmpty && unit != code {
                    try db.execute(sql: "INSERT INTO sender_units (sender, unit) VALUES (?, ?)", arguments: [code, unit])
                }
            }
            try Self.audit(
                db, actor: actor, action: !known ? "sender.add" : previous == secret ? "sender.units" : "sender.rotate",
                detail: code + (units.map { " units=\($0.count)" } ?? ""), now: now)
            return !known
        }
    }

    public func senders() throws -> [RegisteredSender] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, secret, added_at FROM senders ORDER BY code").map { row in
                var sender = Self.sender(row)
                sender.units = try Self.units(of: sender.code, db)
                return sender
            }
        }
    }

    /// Async: read on every pushed request, which must not block a server thread.
    public func sender(code: String) async throws -> RegisteredSender? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT code, secret, added_at FROM senders WHERE code = ?",
                    arguments: [code])
            else { return nil }
            var sender = Self.sender(row)
            sender.units = try Self.units(of: code, db)
            return sender
        }
    }

    /// Intake is on exactly when this is true.
    public func hasSenders() async throws -> Bool {
        try await read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM senders)") ?? false }
    }

    private static func units(of sender: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT unit FROM sender_units WHERE sender = ? ORDER BY unit", arguments: [sender])
    }

    private static func sender(_ row: Row) -> RegisteredSender {
        RegisteredSender(code: row["code"], secret: row["secret"], addedAt: row["added_at"])
    }
}
