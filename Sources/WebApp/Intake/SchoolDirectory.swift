import Foundation
import Storage
import Synchronization

/// Which school codes exist. Cached, and re-read on a miss so that schools imported from the
/// command line while the server runs are accepted without a restart.
public final class SchoolDirectory: Sendable {
    private let database: AppDatabase
    private let codes: Mutex<Set<String>>

    public init(database: AppDatabase) throws {
        self.database = database
        codes = Mutex(try database.schoolCodes())
    }

    /// The registry's spelling of `code`, or nil when no such school is registered.
    public func resolve(_ code: String) -> String? {
        let canonical = School.canonicalCode(code)
        if codes.withLock({ $0.contains(canonical) }) { return canonical }
        guard let fresh = try? database.schoolCodes() else { return nil }
        codes.withLock { $0 = fresh }
        return fresh.contains(canonical) ? canonical : nil
    }
}
