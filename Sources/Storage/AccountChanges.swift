import Foundation
import GRDB

/// What an admin changes on an existing account besides its password: the role and its scope, the
/// safeguarding permission, and ending every session and token at once (a lost phone, a person who
/// left). Each change is audited with the values before and after.
extension AppDatabase {
    public struct AccountChange: Sendable, Equatable {
        public var role: StaffRole
        public var school: String?
        public var office: String?
        public var safeguarding: Bool
        public init(role: StaffRole, school: String?, office: String?, safeguarding: Bool) {
            self.role = role
            self.school = school
            self.office = office
            self.safeguarding = safeguarding
        }

        var auditText: String {
            "role=\(role.rawValue) school=\(school ?? "-") office=\(office ?? "-") safeguarding=\(safeguarding)"
        }
    }

    /// Sets the account's role, school, office and permission. A role change ends its sessions, so the
    /// person signs in again under what they may now do rather than keeping an open page of the old.
    public func changeAccount(username: String, to change: AccountChange, actor: String = "cli", now: Date = Date()) throws {
        try write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, role, school_code, office, safeguarding FROM users WHERE username = ?", arguments: [username])
            else { throw AccountError(vi: "Không có tài khoản \(username)", en: "no user \(username)") }
            if change.role == .coordinator {
                guard let school = change.school,
                      try String.fetchOne(db, sql: "SELECT code FROM schools WHERE code = ?", arguments: [school]) != nil
                else { throw AccountError(vi: "Người phụ trách Đội cần một trường có trong danh sách", en: "a coordinator needs a registered school") }
            }
            let before = AccountChange(
                role: StaffRole(rawValue: row["role"]) ?? .viewer, school: row["school_code"], office: row["office"],
                safeguarding: row["safeguarding"])
            guard before != change else { return }
            try db.execute(
                sql: "UPDATE users SET role = ?, school_code = ?, office = ?, safeguarding = ? WHERE username = ?",
                arguments: [change.role.rawValue, change.role == .coordinator ? change.school : nil, change.office,
                            change.safeguarding, username])
            if before.role != change.role || before.school != change.school || before.safeguarding != change.safeguarding {
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [row["id"] as String])
            }
            try Self.audit(db, actor: actor, action: "user.change",
                           detail: "\(username): \(before.auditText) → \(change.auditText)", now: now)
        }
    }

    /// Ends every session and revokes every API token of the account; it stays enabled, and its
    /// owner signs in again with the password. Returns how many sessions and tokens ended.
    @discardableResult
    public func revokeAccess(username: String, actor: String = "cli", now: Date = Date()) throws -> (sessions: Int, tokens: Int) {
        try write { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) else {
                throw AccountError(vi: "Không có tài khoản \(username)", en: "no user \(username)")
            }
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id])
            let sessions = db.changesCount
            try db.execute(sql: "UPDATE api_tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0", arguments: [id])
            let tokens = db.changesCount
            try Self.audit(db, actor: actor, action: "user.revoke",
                           detail: "\(username): \(sessions) sessions, \(tokens) tokens", now: now)
            return (sessions, tokens)
        }
    }
}
