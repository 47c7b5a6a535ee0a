import Forms
import Foundation
import Storage
import Testing

@testable import Analysis

/// Two analysis passes over one database at once: the server's background pass and a report's,
/// or a command run beside the server. Each places new entries in its own copy of the issue
/// index; only one may write them.
@Suite("Analysis passes running at once")
struct AnalysisPassTests {
    let database: AppDatabase
    let form: Form

    init() throws {
        (database, form) = try Fixtures.databaseWithDefaultForm(named: "tn-passes")
    }

    func store(_ text: String) async throws -> String {
        try await Fixtures.store(text, theme: "injury_accident", in: database, form: form)
    }

    /// The same request from two children, analysed by two passes that collide: the first has
    /// placed them and waits to write until the second has placed them too, with no issue stored
    /// yet, so each made an issue of its own. One issue must remain, holding both, each counted once.
    @Test func twoPassesThatCollideMakeOneIssueOfOneRequest() async throws {
        let forms = try database.storedFormVersions()
        let ids = [
            try await store("Cháu mong có lớp dạy bơi miễn phí vào hè"),
            try await store("Cháu mong có lớp dạy bơi miễn phí vào hè cho tụi cháu"),
        ]
        let secondPlaced = Gate()
        var first = AnalysisPass(database: database, forms: forms)
        first.beforeWrite = { await secondPlaced.wait() }
        var second = AnalysisPass(database: database, forms: forms)
        second.beforeWrite = { await secondPlaced.open() }
        async let one = first.run()
        async let other = second.run()
        _ = try await [one, other]

        let issues = try await database.read { [form] db in try AnalysisStore.issues(db, formID: form.id) }
        #expect(issues.count == 1, "one request, one issue: \(issues.map(\.entries))")
        #expect(issues.first?.entries == 2, "each entry counted once")
        for id in ids { #expect(try await database.issueID(ofEntry: id) == issues.first?.id) }
    }
}

/// Opened once; waiting on an open gate returns at once.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}
