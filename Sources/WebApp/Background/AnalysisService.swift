import Analysis
import Answers
import Logging
import Reports
import ServiceLifecycle
import Storage
import Summary

/// Classifies and groups new entries in the background, so that reports and the dashboard only
/// read what is already analysed. Each entry is analysed once; a pass with nothing new is cheap.
/// Passes run on `BackgroundExecutor`'s low-priority threads, so that requests come first.
struct AnalysisService: Service {
    let runner: AnalysisRunner
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // On SIGTERM the loop is cancelled and returns normally: the server's exit code stays 0.
        try await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                let analysed = try await runner.run(on: BackgroundExecutor.shared)
                if analysed > 0 { logger.debug("analysed new entries", metadata: ["count": "\(analysed)"]) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("analysis pass failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
