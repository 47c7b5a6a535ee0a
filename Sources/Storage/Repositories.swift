import Foundation

// The storage the web application's routes talk to, as protocols (the pattern of
// hummingbird-examples' `TodoRepository`): `AppDatabase` is the SQLite implementation; a second
// engine (PostgreSQL for a national deployment) implements the same protocols and is passed to
// `ServerEnvironment` instead, without touching a route. docs/architecture.md lists them all.

/// Staff accounts, API tokens, login sessions and the audit log.
public protocol AccountRepository: Sendable {
    func account(username: String) async throws -> AppDatabase.UserRow?
    func staff(forToken token: String) async throws -> StaffUser?
    func startSession(userID: String, lifetime: TimeInterval) async throws -> (token: String, csrf: String)
    func session(forToken token: String) async throws -> (user: StaffUser, csrf: String)?
    func endSession(forToken token: String) async throws
    func record(actor: String, action: String, detail: String) async throws
}

/// What the admin pages do to accounts; every change is audited under `actor`.
public protocol AccountAdministration: Sendable {
    func accounts() async throws -> [AppDatabase.UserRow]
    func addAccount(username: String, passwordHash: String, role: StaffRole, school: String?, office: String?,
                    safeguarding: Bool, mustChangePassword: Bool, actor: String) async throws -> StaffUser
    func setPassword(username: String, hash: String, mustChange: Bool, actor: String) async throws
    func setDisabled(username: String, _ disabled: Bool, actor: String) async throws
    func changeAccount(username: String, to change: AppDatabase.AccountChange, actor: String) async throws
    /// Every session and token of the account ends; it stays enabled.
    func revokeAccess(username: String, actor: String) async throws -> (sessions: Int, tokens: Int)
}

extension AppDatabase: AccountAdministration {
    public func accounts() async throws -> [UserRow] { try users() }
    public func addAccount(username: String, passwordHash: String, role: StaffRole, school: String?, office: String?,
                           safeguarding: Bool, mustChangePassword: Bool, actor: String) async throws -> StaffUser {
        try addUser(username: username, passwordHash: passwordHash, role: role, school: school, office: office,
                    safeguarding: safeguarding, mustChangePassword: mustChangePassword, actor: actor)
    }
    public func setPassword(username: String, hash: String, mustChange: Bool, actor: String) async throws {
        try setPasswordHash(username: username, hash, mustChange: mustChange, actor: actor)
    }
    public func setDisabled(username: String, _ disabled: Bool, actor: String) async throws {
        try setDisabled(username: username, disabled, actor: actor, now: Date())
    }
    public func changeAccount(username: String, to change: AccountChange, actor: String) async throws {
        try changeAccount(username: username, to: change, actor: actor, now: Date())
    }
    public func revokeAccess(username: String, actor: String) async throws -> (sessions: Int, tokens: Int) {
        try revokeAccess(username: username, actor: actor, now: Date())
    }
}

/// The school registry and each school's form key.
public protocol SchoolRepository: Sendable {
    func school(code: String) async throws -> School?
    func allSchools() async throws -> [School]
    func formKey(school: String) async throws -> String?
    /// The school's form key, made if it has none; a new one with `rotate` (old links stop working).
    func linkKey(school: String, rotate: Bool, actor: String) async throws -> String
    /// Name, ward, district and level of a registered school; audited.
    func editSchool(_ school: School, actor: String) async throws
    /// A deactivated school takes no new entries; audited.
    func setActive(school: String, _ active: Bool, actor: String) async throws
}

/// The units below allowed to push here (the admin's senders page, `tiengnoi senders`).
public protocol SenderAdministration: Sendable {
    func registeredSenders() async throws -> [RegisteredSender]
    /// Adds a unit or replaces its secret (rotation); `units` replaces the list below it when given.
    /// True when the unit is new. Audited under `actor`.
    func registerSender(code: String, secret: String, units: [String]?, actor: String) async throws -> Bool
}

extension AppDatabase: SenderAdministration {
    public func registeredSenders() async throws -> [RegisteredSender] { try senders() }
    public func registerSender(code: String, secret: String, units: [String]?, actor: String) async throws -> Bool {
        try addSender(code: code, secret: secret, units: units, actor: actor)
    }
}

/// Entries held for safeguarding staff.
public protocol SafeguardingRepository: Sendable {
    func heldEntries(school: String?, limit: Int) async throws -> [SubmissionRecord]
    func markHeldEntryHandled(id: String, by actor: String, school: String?, now: Date) async throws -> Bool
    func cases(school: String?, limit: Int) async throws -> [SafeguardingCase]
    func safeguardingCase(id: String, school: String?) async throws -> (SafeguardingCase, [CaseNote])?
    func updateCase(id: String, _ update: CaseUpdate, by actor: String, school: String?, now: Date) async throws -> Bool
}

extension AppDatabase: AccountRepository {
    public func account(username: String) async throws -> UserRow? { try user(username: username) }
    public func staff(forToken token: String) async throws -> StaffUser? { try await user(forToken: token, now: Date()) }
    public func startSession(userID: String, lifetime: TimeInterval) async throws -> (token: String, csrf: String) {
        try await startSession(userID: userID, lifetime: lifetime, now: Date())
    }
    public func session(forToken token: String) async throws -> (user: StaffUser, csrf: String)? {
        try await session(token: token, now: Date())
    }
    public func endSession(forToken token: String) async throws { try await endSession(token: token) }
    public func record(actor: String, action: String, detail: String) async throws {
        try await audit(actor: actor, action: action, detail: detail, now: Date())
    }
}

extension AppDatabase: SchoolRepository {
    public func allSchools() async throws -> [School] { try schools() }
    public func formKey(school: String) async throws -> String? { try await schoolLinkKey(school) }
    public func linkKey(school: String, rotate: Bool, actor: String) async throws -> String {
        try schoolLinkKey(school, rotate: rotate, actor: actor)
    }
    public func editSchool(_ school: School, actor: String) async throws { try updateSchool(school, actor: actor) }
    public func setActive(school: String, _ active: Bool, actor: String) async throws {
        try setSchoolActive(code: school, active, actor: actor)
    }
}

extension AppDatabase: SafeguardingRepository {}
