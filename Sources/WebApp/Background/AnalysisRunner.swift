import Analysis
import Answers
import Reports
import Summary

/// Runs analysis passes one after another. The background service and the dashboard share one
/// runner, so two passes in this process never place the same new entries into issues at once
/// (each would count them in its own copy of the issue index).
public actor AnalysisRunner {
    private let pass: AnalysisPass
    /// The pass in flight, or the last one; the next pass starts only after it ends.
    private var tail: Task<Void, Never>?

    public init(pass: AnalysisPass) {
        self.pass = pass
    }

    /// Analyses everything stored before this call; returns how many entries this pass analysed.
    /// Waits for a pass already running, then runs its own, so entries stored after that pass
    /// started are counted too. With an `executor`, the pass runs there, its reads included, and
    /// writes at the requests' priority (the background service gives its low-priority threads; a
    /// person waiting for a page gives none, and the pass uses GRDB's queues as before).
    @discardableResult
    public func run(on executor: (any TaskExecutor)? = nil) async throws -> Int {
        let previous = tail
        var pass = self.pass
        // Its database work too, so that it does not run on GRDB's queues, above the requests.
        pass.executor = executor
        // And it gives way to requests between chunks; a pass a person waits for does not.
        if executor != nil { pass.giveWay = RequestLoad.giveWay }
        let task = Task<Int, any Error>(executorPreference: executor) {
            await previous?.value
            return try await pass.run()
        }
        tail = Task { _ = try? await task.value }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
