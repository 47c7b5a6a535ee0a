import Forms
import Foundation
import Logging
import Testing

@testable import WebApp

#if canImport(Glibc)
    import Glibc
#endif

/// The server's own analysis loop: entries are grouped without anyone opening a page, and the
/// work runs below the requests' priority so that a busy server answers children first.
@Suite struct BackgroundAnalysisTests {
    @Test func theServiceGroupsNewEntriesOnItsOwn() async throws {
        let server = try TestServer()
        let text = "Em mong có hàng rào quanh cái ao cạnh trường."
        try await Self.store([text], in: server)
        #expect(try await server.issueIfGrouped(ofText: text) == nil)
        #expect(try await Self.groupedByTheService(text, in: server), "the background service did not group the entry within 15 minutes")
    }

    /// Under a steady stream of requests the pass gives way between chunks, but never stops: an
    /// entry is still grouped while the server is busy.
    @Test func theServiceKeepsGroupingWhileRequestsArrive() async throws {
        let server = try TestServer()
        // More than 250 entries, so that the pass works in several chunks and gives way between them.
        let texts = (0..<600).map { "Em mong có hàng rào quanh cái ao số \($0) cạnh trường." }
        try await Self.store(texts, in: server)
        // 20,000 requests a second, as far as the analysis can tell, until the test ends.
        let load = Task.detached {
            while !Task.isCancelled {
                for _ in 0..<200 { RequestLoad.requestBegan() }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        defer { load.cancel() }
        #expect(
            try await Self.groupedByTheService(texts.last!, in: server),
            "the background service did not group the last entry within 15 minutes of load")
    }

    /// Stored through the intake, not through the app: the app runs its own analysis service, whose
    /// first pass could group an entry before the service under test starts.
    static func store(_ texts: [String], in server: TestServer) async throws {
        for text in texts {
            let outcome = await server.environment.intake.submit(try JSONParser.parse(Sample.envelope(text: text)), source: .api)
            guard case .created = outcome else { throw StoreFailed(outcome: "\(outcome)") }
        }
    }

    struct StoreFailed: Error { var outcome: String }

    /// Runs the background service until the entry with these words is grouped, polling every
    /// 50 ms for at most 15 minutes. Why so long: the service's passes run on the process's one
    /// background executor at nice 10 (by design, below requests), which every test server's own
    /// service shares, while the other suites' work at nice 0 fills both cores. Alone this takes
    /// about 8 s in the debug build; in a full run it ends with the run (199 s and 233 s seen). The
    /// bound only ends a run that would never group; a passing run does not wait for it.
    static func groupedByTheService(_ text: String, in server: TestServer) async throws -> Bool {
        let service = AnalysisService(
            runner: server.environment.analysis, interval: .milliseconds(50), logger: Logger(label: "test"))
        let loop = Task { try await service.run() }
        defer { loop.cancel() }
        let deadline = ContinuousClock.now + .seconds(900)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            if try await server.issueIfGrouped(ofText: text) != nil { return true }
        }
        return false
    }

    #if os(Linux)
        /// The nice value of the thread running the caller (per thread on Linux).
        static func niceness() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }

        @Test func passesRunBelowTheRequestsPriorityChildTasksToo() async throws {
            let executor = BackgroundExecutor.shared
            let (own, children) = await Task(executorPreference: executor) {
                let children = await withTaskGroup(of: Int32.self) { group in
                    for _ in 0..<4 { group.addTask { Self.niceness() } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                return (Self.niceness(), children)
            }.value
            #expect(own == 10)
            #expect(children == [10, 10, 10, 10])
            // Requests run on the shared pool, which stays at the process's own priority (0
            // unless the tests themselves were started with `nice`).
            #expect(await Task.detached { Self.niceness() }.value < 10)
        }
    #endif
}
