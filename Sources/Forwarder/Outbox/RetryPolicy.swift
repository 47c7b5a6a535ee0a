import Foundation

/// When to try again after a failed delivery: exponential backoff from `base` doubling up to `cap`,
/// with jitter so that many schools knocked off by the same outage do not all come back in the
/// same second; never sooner than the upstream's Retry-After; given up after `giveUpAfter`.
public struct RetryPolicy: Sendable {
    public var base: Double = 1
    public var cap: Double = 15 * 60
    public var giveUpAfter: Double = 24 * 60 * 60
    /// Returns a number in [0, 1). Injected so tests can pin the jitter.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init() {}

    public init(
        base: Double = 1, cap: Double = 15 * 60, giveUpAfter: Double = 24 * 60 * 60,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.base = base
        self.cap = cap
        self.giveUpAfter = giveUpAfter
        self.random = random
    }

    /// The backoff before attempt `tries + 1`, without jitter: 1, 2, 4, … seconds, at most `cap`.
    public func nominalDelay(afterTries tries: Int) -> Double {
        let exponent = max(0, tries - 1)
        // 2^20 s is far past any cap; stopping there keeps the maths finite.
        return min(cap, base * pow(2, Double(min(exponent, 20))))
    }

    /// The wait before the next attempt: the nominal delay scaled into [½, 1) of itself
    /// ("equal jitter": spread out, yet never a hammering zero), and at least what Retry-After asked.
    public func delay(afterTries tries: Int, retryAfter: Double?) -> Double {
        let nominal = nominalDelay(afterTries: tries)
        let jittered = nominal * (0.5 + 0.5 * min(max(random(), 0), 1))
        return max(jittered, retryAfter ?? 0)
    }

    /// True once a row has been retried for `giveUpAfter` since its first attempt.
    public func hasExpired(firstAttempt: Date, now: Date) -> Bool {
        now.timeIntervalSince(firstAttempt) >= giveUpAfter
    }
}
