import Foundation
import Synchronization

/// Per-account backoff for sign-in, beside the per-address limit: someone guessing one account's
/// password from many addresses is slowed down too. After `freeFailures` wrong passwords in a row
/// the account waits 30 s, then twice as long after each further failure, up to 15 minutes; a
/// correct password clears it. Kept in memory: a restart forgives, which an attacker cannot force.
final class LoginThrottle: Sendable {
    private struct State {
        var failures = 0
        var lockedUntil: ContinuousClock.Instant?
    }

    let freeFailures: Int
    let firstLock: Duration
    let longestLock: Duration
    private let accounts = Mutex<[String: State]>([:])

    init(freeFailures: Int = 5, firstLock: Duration = .seconds(30), longestLock: Duration = .seconds(900)) {
        self.freeFailures = freeFailures
        self.firstLock = firstLock
        self.longestLock = longestLock
    }

    private static func key(_ username: String) -> String { username.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Seconds the account must still wait, or nil when it may try now.
    func wait(_ username: String, now: ContinuousClock.Instant = .now) -> Int? {
        accounts.withLock { accounts in
            guard let until = accounts[Self.key(username)]?.lockedUntil, until > now else { return nil }
            return max(1, Int((until - now).components.seconds) + 1)
        }
    }

    func failed(_ username: String, now: ContinuousClock.Instant = .now) {
        accounts.withLock { accounts in
            if accounts.count > 100_000 { accounts.removeAll() }  // bounded under a flood of made-up names
            var state = accounts[Self.key(username)] ?? State()
            state.failures += 1
            let over = state.failures - freeFailures
            if over >= 0 {
                let lock = min(longestLock, firstLock * (1 << min(over, 20)))
                state.lockedUntil = now + lock
            }
            accounts[Self.key(username)] = state
        }
    }

    func succeeded(_ username: String) {
        _ = accounts.withLock { $0.removeValue(forKey: Self.key(username)) }
    }
}
