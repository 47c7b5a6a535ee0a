import Analysis
import Answers
import Foundation
import Reports
import Storage
import Summary
import Synchronization
import Testing
import WebApp

@testable import Forwarder

/// A fetcher that answers from a script and remembers every request.
final class ScriptedFetcher: UpstreamFetching {
    private let state: Mutex<(script: [Result<UpstreamResponse, TransportError>], seen: [UpstreamRequest])>
    init(_ script: [Result<UpstreamResponse, TransportError>]) { state = Mutex((script, [])) }
    var requests: [UpstreamRequest] { state.withLock { $0.seen } }

    func get(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError> {
        state.withLock { state in
            state.seen.append(request)
            return state.script.isEmpty ? .success(AnswerPullerTests.page([], next: 0)) : state.script.removeFirst()
        }
    }
}

@Suite("Pulling answers from the level above")
struct AnswerPullerTests {
    static let url = "http://127.0.0.1:9/api/v1/answers"

    static func item(_ number: Int, status: String = "implemented") -> AnswerFeed.Item {
        AnswerFeed.Item(
            AnswerVersion(
                id: "aaaaaaaa-0000-4000-8000-00000000000\(number)", target: .issue("11111111-1111-4111-8111-111111111111"),
                office: "Phòng GD&ĐT quận", status: AnswerStatus(rawValue: status)!, text: "Trả lời số \(number)",
                draftedAt: "2025-06-20T01:00:00.000Z", publishedAt: "2025-06-20T02:00:00.000Z"))
    }

    static func page(_ items: [AnswerFeed.Item], next: Int64, more: Bool = false) -> UpstreamResponse {
        UpstreamResponse(
            status: 200, headers: [("Content-Type", "application/json")],
            body: try! JSONEncoder().encode(AnswerFeed.Page(answers: items, next: next, more: more)))
    }

    func puller(_ database: AppDatabase, _ fetcher: ScriptedFetcher, clock: ManualClock = ManualClock()) -> AnswerPuller {
        AnswerPuller(
            receipt: AnswerReceipt(database: database), url: Self.url, sender: "TH-A", secret: Fixture.secret,
            transport: fetcher, policy: RetryPolicy(base: 0.01, cap: 0.05, random: { 0 }), clock: clock.function)
    }

    func storedCount(_ database: AppDatabase) async throws -> Int {
        try await database.answerVersions().count
    }

    @Test func theRequestIsASignedGetWithTheCursor() throws {
        let (database, _) = try Fixture.database()
        let clock = ManualClock()
        let request = puller(database, ScriptedFetcher([]), clock: clock).request(since: 42, now: clock.now)
        #expect(request.method == .get && request.body.isEmpty)
        #expect(request.url == Self.url + "?since=42&limit=100")
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["X-TiengNoi-Sender"] == "TH-A")
        let timestamp = try #require(Int64(headers["X-TiengNoi-Timestamp"] ?? ""))
        #expect(timestamp == Int64(clock.now.timeIntervalSince1970))
        #expect(
            RequestSignature.isValid(
                headers["X-TiengNoi-Signature"] ?? "", secret: Fixture.secret,
                sender: "TH-A", idempotencyKey: "", timestamp: timestamp, body: Data()))
        #expect(
            AnswerPuller.answersURL(forIntake: "https://quan.example.vn/api/v1/intake/summaries")
                == "https://quan.example.vn/api/v1/answers")
        #expect(AnswerPuller.answersURL(forIntake: "https://other.example/receive") == nil)
    }

    @Test func failuresThenSuccessStoreEachAnswerOnceAndMoveTheCursor() async throws {
        let (database, _) = try Fixture.database()
        let truncated = UpstreamResponse(status: 200, body: Data(#"{"answers":[{"id":"#.utf8))
        let fetcher = ScriptedFetcher([
            .failure(TransportError(code: 7, message: "Failed to connect")),
            .success(UpstreamResponse(status: 500, body: Data(#"{"error":"boom"}"#.utf8))),
            .success(truncated),
            .success(Self.page([Self.item(1), Self.item(2)], next: 2, more: true)),
            .success(Self.page([Self.item(3)], next: 3)),
        ])
        let added = try await puller(database, fetcher).pull(maxWait: 30)
        #expect(added == 3)
        #expect(fetcher.requests.count == 5)
        #expect(fetcher.requests.map(\.url).suffix(2) == [Self.url + "?since=0&limit=100", Self.url + "?since=2&limit=100"])
        #expect(try await storedCount(database) == 3)
        #expect(try await AnswerReceipt(database: database).cursor(upstream: Self.url) == 3)

        // The same answers again (the level above lost track): still three rows.
        let again = ScriptedFetcher([.success(Self.page([Self.item(1), Self.item(2), Self.item(3)], next: 3))])
        #expect(try await puller(database, again).pullOnce() == 0)
        #expect(try await storedCount(database) == 3)
    }

    @Test func aRefusalStopsAtOnceAndStoresNothing() async throws {
        let (database, _) = try Fixture.database()
        let fetcher = ScriptedFetcher([
            .success(UpstreamResponse(status: 401, body: Data(#"{"error":"bad_signature"}"#.utf8)))
        ])
        await #expect(throws: AnswerPullFailure.self) { try await puller(database, fetcher).pull(maxWait: 30) }
        #expect(fetcher.requests.count == 1)
        #expect(try await storedCount(database) == 0)
        let error = try await database.answerPull(upstream: Self.url)?.lastError
        #expect(error?.contains("401") == true)
    }

    @Test func anAnswerThatCannotBeShownIsSkippedNotFatal() async throws {
        let (database, _) = try Fixture.database()
        var bad = Self.item(2, status: "answered")
        bad.status = "cannot_implement"  // without a reason or a solution
        let fetcher = ScriptedFetcher([.success(Self.page([Self.item(1), bad], next: 2))])
        #expect(try await puller(database, fetcher).pullOnce() == 1)
        #expect(try await AnswerReceipt(database: database).cursor(upstream: Self.url) == 2)
    }
}
