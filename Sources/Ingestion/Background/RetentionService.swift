import Aggregator
import Logging
import ServiceLifecycle
import Storage

/// With `serve --retention-days N`: once a day, children's own words older than N days are deleted
/// (after they were analysed); the counts stay.
struct RetentionService: Service {
    let days: Int
    let pass: AnalysisPass
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                try await pass.run()
                let removed = try pass.database.removeFreeText(olderThan: days, forms: pass.forms)
                if removed > 0 { logger.info("retention removed free text", metadata: ["entries": "\(removed)"]) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("retention failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: .seconds(24 * 3600)) } catch { return }
        }
    }
}
