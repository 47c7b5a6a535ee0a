import Analysis
import Answers
import Forms
import Foundation
import Reports
import Storage
import Summary
import Synchronization
import WebApp

@testable import Forwarder

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { self.now } }
}

/// A transport that answers from a script and remembers every request.
final class ScriptedTransport: UpstreamTransport {
    private let state: Mutex<(script: [Result<UpstreamResponse, TransportError>], seen: [UpstreamRequest])>
    init(_ script: [Result<UpstreamResponse, TransportError>]) { state = Mutex((script, [])) }
    var requests: [UpstreamRequest] { state.withLock { $0.seen } }

    func post(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError> {
        state.withLock { state in
            state.seen.append(request)
            return state.script.isEmpty ? .success(UpstreamResponse(status: 200)) : state.script.removeFirst()
        }
    }
}

enum Fixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let secret = try! UpstreamSecret("correct-horse-battery-staple")

    /// A fresh database with the default form and two schools.
    static func database() throws -> (AppDatabase, Form) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tn-forwarder-\(UUID())").path
        let database = try AppDatabase(directory: directory)
        let form = try FormLoader.load(path: root.appendingPathComponent("forms/dien-dan-tre-em.yaml").path)
        _ = try database.registerForms([form])
        _ = try database.upsertSchools([
            School(code: "TH-A", name: "Trường A", ward: "P1", district: "Q", level: .primary),
            School(code: "TH-B", name: "Trường B", ward: "P2", district: "Q", level: .primary),
        ])
        return (database, form)
    }

    /// The summary this unit would push: the Aggregator's, as in the product.
    static func source(_ database: AppDatabase, unit: String) throws -> AggregateSummarySource {
        AggregateSummarySource(
            database: database, forms: try database.storedFormVersions(),
            targets: CampaignTargets(start: "2024-01-01", targets: []), unit: unit)
    }

    @discardableResult
    static func addEntry(_ database: AppDatabase, form: Form, answers: [String: JSONValue]) async throws -> StoreOutcome {
        let validated = try form.validate(answers: answers).get()
        let submission = NewSubmission(
            id: UUID().uuidString.lowercased(), formID: form.id, formVersion: form.version,
            validated: validated, source: .api)
        return try await SubmissionWriter(database: database).store(submission)
    }

    static func summary(unit: String = "TH-A", entries: Int = 3, generatedAt: String = "2025-06-15T08:00:00.000Z") -> Summary {
        Summary(
            unit: unit, generatedAt: generatedAt, forms: [.init(id: "dien-dan-tre-em", versions: [1])],
            totals: .init(
                entries: entries, consultations: entries, activeSchools: 1, registeredSchools: 1,
                safeguardingHeld: 0),
            tallies: ["school": [unit: .init(entries: entries, consultations: entries)]], issues: [], includes: [])
    }

    static func upstream(url: String = "http://127.0.0.1:9/api/v1/intake/summaries") -> UpstreamConfiguration {
        UpstreamConfiguration(url: url, sender: "TH-A", secret: secret)
    }
}
