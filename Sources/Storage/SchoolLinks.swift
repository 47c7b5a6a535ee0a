import Crypto
import Forms
import Foundation
import GRDB

/// Each school's public form link carries a key, so a stranger who guesses a school code cannot
/// flood its form. Rotating the key makes every old link stop working.
extension AppDatabase {
    public func schoolLinkKey(_ code: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT link_key FROM school_links WHERE school_code = ?", arguments: [code])
        }
    }

    /// The school's key, made if it has none yet; a new one when `rotate` is set.
    public func schoolLinkKey(_ code: String, rotate: Bool, actor: String = "cli", now: Date = Date()) throws -> String {
        try write { db in
            guard try String.fetchOne(db, sql: "SELECT code FROM schools WHERE code = ?", arguments: [code]) != nil else {
                throw AccountError(vi: "Không có trường \(code)", en: "no school \(code)")
            }
            if !rotate,
                let key = try String.fetchOne(
                    db, sql: "SELECT link_key FROM school_links WHERE school_code = ?",
                    arguments: [code])
            {
                return key
            }
            let key = hexString(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }.prefix(10))
            try db.execute(
                sql: """
                    INSERT INTO school_links (school_code, link_key, rotated_at) VALUES (?, ?, ?)
                    ON CONFLICT (school_code) DO UPDATE SET link_key = excluded.link_key, rotated_at = excluded.rotated_at
                    """, arguments: [code, key, Timestamp.string(now)])
            try Self.audit(db, actor: actor, action: rotate ? "link.rotate" : "link.create", detail: code, now: now)
            return key
        }
    }
}
