import Crypto
import Forms
import Foundation
import GRDB

public enum StaffRole: String, Codable, CaseIterable, Sendable {
    /// The unit's administrator: everything.
    case admin
    /// One school's Pioneer leader: sees and exports only that school.
    case coordinator
    /// Answers issues for their office.
    case responder
    /// Dashboards only.
    case viewer
}

/// A staff member, as the rest of the product sees them after login.
public struct StaffUser: Sendable, Hashable {
    public var id: String
    public var username: String
    public var role: StaffRole
    public var school: String?
    public var office: String?
    public var safeguarding: Bool
    /// A first password given out once (the first admin's, a reset): until it is changed the
    /// account may only change it.
    public var mustChangePassword = false

    public init(id: String, username: String, role: StaffRole, school: String?, office: String?, safeguarding: Bool,
                mustChangePassword: Bool = false) {
        self.id = id
        self.username = username
        self.role = role
        self.school = school
        self.office = office
        self.safeguarding = safeguarding
        self.mustChangePassword = mustChangePassword
    }

    /// The schools this user may see; nil means every school.
    public var visibleSchool: String? { role == .coordinator ? school : nil }

    public func maySee(school code: String) -> Bool {
        guard let visibleSchool else { return true }
        return visibleSchool == code
    }
}

public struct AccountError: BilingualError {
    public var vi: String
    public var en: String
}

/// Staff accounts, API tokens and login sessions. Secrets are stored hashed: passwords with bcrypt
/// (by the caller, who owns the cost), tokens and session ids with SHA-256.
extension AppDatabase {
    public func addUser(
        username: String, passwordHash: String, role: StaffRole, school: String?, office: String?,
        safeguarding: Bool, mustChangePassword: Bool = false, actor: String = "cli", now: Date = Date()
    ) throws -> StaffUser {
        if role == .coordinator && school == nil {
            throw AccountError(vi: "Tài khoản điều phối viên cần --school MÃ_TRƯỜNG", en: "a coordinator needs --school CODE")
        }
        let id = UUID().uuidString.lowercased()
        try write { db in
            if let school, try String.fetchOne(db, sql: "SELECT code FROM schools WHERE code = ?", arguments: [school]) == nil {
                throw AccountError(vi: "Không có trường \(school)", en: "no school \(school)")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [username]) != nil {
                throw AccountError(vi: "Tên đăng nhập \(username) đã có", en: "username \(username) already exists")
            }
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, password_hash, role, school_code, office, safeguarding,
                                       must_change_password, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, username, passwordHash, role.rawValue, school, office, safeguarding, mustChangePassword,
                            Timestamp.string(now)])
            try Self.audit(db, actor: actor, action: "user.add", detail: "\(username) role=\(role.rawValue)", now: now)
        }
        return StaffUser(id: id, username: username, role: role, school: school, office: office, safeguarding: safeguarding,
                         mustChangePassword: mustChangePassword)
    }

    public struct UserRow: Sendable {
        public var user: StaffUser
        public var disabled: Bool
        public var passwordHash: String
    }

    public func hasUsers() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false }
    }

    public func users() throws -> [UserRow] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map(Self.userRow) }
    }

    public func user(username: String) throws -> UserRow? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map(Self.userRow)
        }
    }

    public func setDisabled(username: String, _ disabled: Bool, actor: String = "cli", now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "UPDATE users SET disabled = ? WHERE username = ?", arguments: [disabled, username])
            guard db.changesCount == 1 else { throw AccountError(vi: "Không có tài khoản \(username)", en: "no user \(username)") }
            // A disabled account loses its sessions and tokens at once.
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)", arguments: [username])
            try db.execute(
                sql: "UPDATE api_tokens SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE username = ?)",
                arguments: [username])
            try Self.audit(db, actor: actor, action: disabled ? "user.disable" : "user.enable", detail: username, now: now)
        }
    }

    /// A new password: the account's sessions end, and a one-time password given out (`mustChange`)
    /// must be changed at the next sign-in.
    public func setPasswordHash(username: String, _ hash: String, mustChange: Bool = false, actor: String = "cli",
                                now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ?, must_change_password = ? WHERE username = ?",
                           arguments: [hash, mustChange, username])
            guard db.changesCount == 1 else { throw AccountError(vi: "Không có tài khoản \(username)", en: "no user \(username)") }
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)", arguments: [username])
            try Self.audit(db, actor: actor, action: "user.passwd", detail: username, now: now)
        }
    }

    /// How long a token works unless the admin asks otherwise: a lost tablet's token dies on its own.
    public static let defaultTokenDays = 90

    /// A token as issued: the secret is shown once, only its hash is kept.
    public struct IssuedToken: Sendable {
        public var token: String
        public var id: String
        public var expiresAt: String
    }

    /// A token as listed: never the secret.
    public struct TokenRow: Sendable, Hashable {
        public var id: String
        public var username: String
        public var label: String
        public var createdAt: String
        public var expiresAt: String
        public var revoked: Bool
    }

    /// A new API token for a device or script, valid for `days`.
    public func issueToken(
        username: String, label: String, days: Int = AppDatabase.defaultTokenDays,
        now: Date = Date()
    ) throws -> IssuedToken {
        guard (1...3650).contains(days) else {
            throw AccountError(vi: "Số ngày hiệu lực phải từ 1 đến 3650", en: "a token lasts 1 to 3650 days")
        }
        let token = "tn_" + hexString(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let id = UUID().uuidString.lowercased()
        let expiresAt = Timestamp.string(now.addingTimeInterval(Double(days) * 86_400))
        try write { db in
            guard
                let userID = try String.fetchOne(
                    db, sql: "SELECT id FROM users WHERE username = ? AND NOT disabled",
                    arguments: [username])
            else {
                throw AccountError(vi: "Không có tài khoản đang hoạt động \(username)", en: "no active user \(username)")
            }
            try db.execute(
                sql: """
                    INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, userID, Self.hash(token), label, Timestamp.string(now), expiresAt])
            try Self.audit(db, actor: "cli", action: "token.issue", detail: "\(username) \(label) \(id)", now: now)
        }
        return IssuedToken(token: token, id: id, expiresAt: expiresAt)
    }

    private static let tokenColumns = "t.id, u.username, t.label, t.created_at, t.expires_at, t.revoked"

    private static func tokenRow(_ row: Row) -> TokenRow {
        TokenRow(id: row[0], username: row[1], label: row[2], createdAt: row[3], expiresAt: row[4] ?? "", revoked: row[5])
    }

    /// Every token of one user (or of all users), newest first.
    public func tokens(username: String? = nil) throws -> [TokenRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.tokenColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE ?1 IS NULL OR u.username = ?1 ORDER BY t.created_at DESC
                    """, arguments: [username]
            ).map(Self.tokenRow)
        }
    }

    /// Revokes one token by its id (or an unambiguous prefix of at least 8 characters).
    public func revokeToken(id typed: String, now: Date = Date()) throws -> TokenRow {
        let prefix = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard prefix.count >= 8 else {
            throw AccountError(vi: "Gõ ít nhất 8 ký tự của mã token", en: "type at least 8 characters of the token id")
        }
        return try write { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM api_tokens WHERE substr(id, 1, length(?1)) = ?1 LIMIT 2",
                arguments: [prefix])
            guard ids.count == 1 else {
                throw ids.isEmpty
                    ? AccountError(vi: "Không có token \(prefix)", en: "no token \(prefix)")
                    : AccountError(vi: "Mã \(prefix) khớp nhiều token; hãy gõ dài hơn", en: "\(prefix) matches several tokens")
            }
            try db.execute(sql: "UPDATE api_tokens SET revoked = 1 WHERE id = ?", arguments: [ids[0]])
            try Self.audit(db, actor: "cli", action: "token.revoke", detail: ids[0], now: now)
            return try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.tokenColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?
                    """, arguments: [ids[0]]
            ).map(Self.tokenRow)!
        }
    }

    /// The staff member a token belongs to, while it is neither revoked nor expired.
    public func user(forToken token: String, now: Date = Date()) async throws -> StaffUser? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_hash = ? AND NOT t.revoked AND NOT u.disabled AND t.expires_at > ?
                    """, arguments: [Self.hash(token), Timestamp.string(now)]
            ).map { Self.userRow($0).user }
        }
    }

    /// Starts a login session; returns the cookie value and the CSRF token for its forms.
    public func startSession(userID: String, lifetime: TimeInterval, now: Date = Date()) async throws -> (token: String, csrf: String) {
        let token = hexString(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let csrf = hexString(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [Timestamp.string(now)])
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.hash(token), userID, csrf, Timestamp.string(now),
                    Timestamp.string(now.addingTimeInterval(lifetime)),
                ])
        }
        return (token, csrf)
    }

    public func session(token: String, now: Date = Date()) async throws -> (user: StaffUser, csrf: String)? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.*, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
                        WHERE s.token_hash = ? AND s.expires_at > ? AND NOT u.disabled
                        """, arguments: [Self.hash(token), Timestamp.string(now)])
            else { return nil }
            return (Self.userRow(row).user, row["csrf_token"])
        }
    }

    public func endSession(token: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Self.hash(token)])
        }
    }

    public func audit(actor: String, action: String, detail: String, now: Date = Date()) async throws {
        try await write { db in try Self.audit(db, actor: actor, action: action, detail: detail, now: now) }
    }

    /// Inside a caller's transaction: the audit row lands with what it records, or not at all.
    public static func audit(_ db: Database, actor: String, action: String, detail: String, now: Date) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            arguments: [Timestamp.string(now), actor, action, detail])
    }

    static func hash(_ secret: String) -> String { hexString(SHA256.hash(data: Data(secret.utf8))) }

    private static func userRow(_ row: Row) -> UserRow {
        UserRow(
            user: StaffUser(
                id: row["id"], username: row["username"],
                role: StaffRole(rawValue: row["role"]) ?? .viewer, school: row["school_code"],
                office: row["office"], safeguarding: row["safeguarding"],
                mustChangePassword: row["must_change_password"] ?? false),
            disabled: row["disabled"], passwordHash: row["password_hash"])
    }
}
