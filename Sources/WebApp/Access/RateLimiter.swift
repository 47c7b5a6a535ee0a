import Foundation
import Synchronization

/// A token bucket per key (an IP address, a school): `capacity` requests at once, refilled at
/// `perSecond`. A refusal says how long to wait, for the Retry-After header.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let capacity: Double
    private let perSecond: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(capacity: Int, perMinute: Int) {
        self.capacity = Double(capacity)
        perSecond = Double(perMinute) / 60
    }

    /// nil when allowed; otherwise the seconds to wait.
    func check(_ key: String, now: ContinuousClock.Instant = .now) -> Int? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated).inSeconds * perSecond)
            bucket.updated = now
            if buckets.count > 100_000 { buckets.removeAll() }  // bounded memory under a flood of addresses
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                buckets[key] = bucket
                return nil
            }
            buckets[key] = bucket
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }

    static func tooMany(retryAfter: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "rate_limited",
            vi: "Gửi quá nhanh; hãy thử lại sau \(retryAfter) giây", en: "too many requests; try again in \(retryAfter) s",
            headers: [.retryAfter: String(retryAfter)])
    }
}
