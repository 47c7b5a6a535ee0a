import Foundation
import Storage
import Synchronization

/// Which school codes take entries (the active ones). Cached, re-read on a miss so that schools
/// imported from the command line while the server runs are accepted without a restart, and at
/// least every `maximumAge` so that one deactivated from the command line stops within it; the admin
/// pages call `reload()` at once.
public final class SchoolDirectory: Sendable {
    private let database: AppDatabase
    private let state: Mutex<(codes: Set<String>, readAt: ContinuousClock.Instant)>
    static let maximumAge = Duration.seconds(30)

    public init(database: AppDatabase) throws {
        self.database = database
        state = Mutex((try database.schoolCodes(), .now))
    }

    /// The registry's spelling of `code`, or nil when no such school takes entries.
    public func resolve(_ code: String) -> String? {
        let canonical = School.canonicalCode(code)
        let (known, fresh) = state.withLock { ($0.codes.contains(canonical), ContinuousClock.now - $0.readAt < Self.maximumAge) }
        if known && fresh { return canonical }
        guard let codes = reload() else { return known ? canonical : nil }
        return codes.contains(canonical) ? canonical : nil
    }

    /// Reads the registry again; nil when it could not be read (the cache is kept).
    @discardableResult
    public func reload() -> Set<String>? {
        guard let fresh = try? database.schoolCodes() else { return nil }
        state.withLock { $0 = (fresh, .now) }
        return fresh
    }
}
