import Analysis
import Answers
import Events
import Logging
import Reports
import ServiceLifecycle
import Storage
import Summary

/// With `serve --retention-days N`: once a day, children's own words older than N days are deleted
/// (after they were analysed), and so are the given names of the delegates of events held more
/// than N days ago; the counts stay.
struct RetentionService: Service {
    let days: Int
    /// Shared with the background analysis, so the two never run a pass at the same time.
    let runner: AnalysisRunner
    let database: AppDatabase
    let forms: FormVersions
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                try await runner.run(on: BackgroundExecutor.shared)
                let removed = try database.removeFreeText(olderThan: days, forms: forms)
                if removed > 0 { logger.info("retention removed free text", metadata: ["entries": "\(removed)"]) }
                let names = try await EventStore(database: database).removeDelegateNames(olderThan: days)
                if names > 0 { logger.info("retention removed delegates' names", metadata: ["delegates": "\(names)"]) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("retention failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: .seconds(24 * 3600)) } catch { return }
        }
    }
}
