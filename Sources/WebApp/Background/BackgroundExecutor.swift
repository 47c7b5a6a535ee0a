import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Threads of their own, at a lower scheduling priority, for the server's background analysis.
///
/// Why: on the two cores the server has, a pass over the entries just taken (classifying and
/// placing a hundred thousand of them after a busy minute) ran on the same cooperative threads as
/// the requests, and with the analysis on, /health measured 0.65–0.85 of a bare server's against
/// about 0.9 with it off (issue 19, BENCHMARKS.md). Here the pass runs on threads with a nice value
/// of 10: when requests are waiting the kernel gives those threads a small share of a core, when
/// the server is idle the pass has both cores as before. That ratio did not measurably move with
/// this change alone: the pass's reads and writes still ran on GRDB's queues, above the requests
/// (2.4 s of CPU in 10 s of /health, `scripts/bench-lib/thread-cpu`); `AnalysisPass.executor` now
/// keeps its reads here and its writes at the requests' priority. A child waits for nothing that
/// matters to it: screening for safeguarding happens at ingest, not in this pass.
///
/// Jobs run as tasks whose executor preference is this executor (`Task(executorPreference:)`);
/// their child tasks and the default actors they call run here too (SE-0417). Work that GRDB does
/// on its own queues is not covered, hence `AnalysisPass.executor`.
final class BackgroundExecutor: TaskExecutor, @unchecked Sendable {
    /// One executor for the process, with a thread per core.
    static let shared = BackgroundExecutor(
        threads: max(1, ProcessInfo.processInfo.activeProcessorCount), niceness: 10)

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var next = 0

    init(threads: Int, niceness: Int32) {
        for index in 0..<threads {
            // The threads keep the executor alive: they run for the life of the process.
            let thread = Thread { [self] in
                #if os(Linux)
                    // On Linux the nice value belongs to the thread, and `who == 0` is the
                    // calling thread: only these threads are lowered, not the server.
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
                #endif
                self.work()
            }
            thread.name = "tiengnoi-background-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            // Drop the consumed prefix now and then instead of shifting the array on every job.
            if next == jobs.count || next >= 1024 {
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
