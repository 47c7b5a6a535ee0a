import Foundation
import Storage
import Synchronization

/// Asks the database at most once a second. A monitor polling /health, or a load balancer doing
/// it from several places, should not add database reads to the ingest path.
final class HealthProbe: Sendable {
    private let database: AppDatabase
    private let last: Mutex<(checkedAt: ContinuousClock.Instant, healthy: Bool)?> = Mutex(nil)
    private let maxAge: Duration

    init(database: AppDatabase, maxAge: Duration = .seconds(1)) {
        self.database = database
        self.maxAge = maxAge
    }

    func isHealthy() async -> Bool {
        let now = ContinuousClock.now
        if let cached = last.withLock({ $0 }), now - cached.checkedAt < maxAge { return cached.healthy }
        let healthy = await database.isHealthy()
        last.withLock { $0 = (now, healthy) }
        return healthy
    }
}
