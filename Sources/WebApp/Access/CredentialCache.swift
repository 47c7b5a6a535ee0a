import Foundation
import Storage
import Synchronization

/// Remembers, for a few seconds, who a token belongs to and what a school's form key is, so the
/// submission API does not read the database for them on every entry (a tablet syncing sends
/// hundreds a minute). A revoked token or a rotated key stops working within `lifetime`.
final class CredentialCache: Sendable {
    private struct Entry<Value: Sendable>: Sendable {
        var value: Value
        var until: ContinuousClock.Instant
    }

    let lifetime: Duration
    private let tokens = Mutex<[String: Entry<StaffUser?>]>([:])
    private let keys = Mutex<[String: Entry<String?>]>([:])
    /// Bounded memory under a flood of made-up tokens.
    private let limit = 10_000

    init(lifetime: Duration = .seconds(5)) { self.lifetime = lifetime }

    func user(forToken token: String, accounts: any AccountRepository) async throws -> StaffUser? {
        let now = ContinuousClock.now
        if let hit = tokens.withLock({ $0[token] }), hit.until > now { return hit.value }
        let user = try await accounts.staff(forToken: token)
        tokens.withLock { cache in
            if cache.count >= limit { cache.removeAll() }
            cache[token] = Entry(value: user, until: now + lifetime)
        }
        return user
    }

    func schoolKey(_ school: String, schools: any SchoolRepository) async throws -> String? {
        let now = ContinuousClock.now
        if let hit = keys.withLock({ $0[school] }), hit.until > now { return hit.value }
        let key = try await schools.formKey(school: school)
        keys.withLock { cache in
            if cache.count >= limit { cache.removeAll() }
            cache[school] = Entry(value: key, until: now + lifetime)
        }
        return key
    }
}
