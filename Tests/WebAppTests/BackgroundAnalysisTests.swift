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
        // Stored through the intake, not through the app: the app runs its own analysis service,
        // whose first pass could group the entry before the service under test starts.
        let outcome = await server.environment.intake.submit(try JSONParser.parse(Sample.envelope(text: text)), source: .api)
        guard case .created = outcome else {
            Issue.record("the entry was not stored: \(outcome)")
            return
        }
        #expect(try await server.issueIfGrouped(ofText: text) == nil)

        let service = AnalysisService(
            runner: server.environment.analysis, interval: .milliseconds(50), logger: Logger(label: "test"))
        let loop = Task { try await service.run() }
        defer { loop.cancel() }
        // Bounded: 1,200 polls of 50 ms (a debug build trains the classifier on the first pass).
        var issue: String?
        for _ in 0..<1_200 where issue == nil {
            try await Task.sleep(for: .milliseconds(50))
            issue = try await server.issueIfGrouped(ofText: text)
        }
        #expect(issue != nil, "the background service did not group the entry within 60 s")
    }

    /// Under a steady stream of requests the pass gives way between chunks, but never stops: an
    /// entry is still grouped while the server is busy.
    @Test func theServiceKeepsGroupingWhileRequestsArrive() async throws {
        let server = try TestServer()
        // More than 250 entries, so that the pass works in several chunks and gives way between them.
        var texts: [String] = []
        for index in 0..<600 {
            let text = "Em mong có hàng rào quanh cái ao số \(index) cạnh trường."
            let outcome = await server.environment.intake.submit(try JSONParser.parse(Sample.envelope(text: text)), source: .api)
            guard case .created = outcome else {
                Issue.record("the entry was not stored: \(outcome)")
                return
            }
            texts.append(text)
        }
        // 20,000 requests a second, as far as the analysis can tell, until the test ends.
        let load = Task.detached {
            while !Task.isCancelled {
                for _ in 0..<200 { RequestLoad.requestBegan() }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        defer { load.cancel() }
        let service = AnalysisService(
            runner: server.environment.analysis, interval: .milliseconds(50), logger: Logger(label: "test"))
        let loop = Task { try await service.run() }
        defer { loop.cancel() }
        var issue: String?
        for _ in 0..<1_200 where issue == nil {
            try await Task.sleep(for: .milliseconds(50))
            issue = try await server.issueIfGrouped(ofText: texts.last!)
        }
        #expect(issue != nil, "the background service did not group the last entry within 60 s of load")
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
