import Analysis
import Answers
import Foundation
import Reports
import Storage
import Summary
import Testing
import WebApp

@testable import Forwarder

@Suite("Outbox state transitions")
struct OutboxTests {
    let database: AppDatabase
    let clock = ManualClock()
    /// Jitter pinned to its lowest point: delays are exactly half the nominal backoff.
    let outbox: Outbox

    init() throws {
        (database, _) = try Fixture.database()
        outbox = Outbox(database: database, policy: RetryPolicy(random: { 0 }))
    }

    func answer(
        _ status: Int, headers: [(name: String, value: String)] = [], body: String = ""
    )
        -> Result<UpstreamResponse, TransportError>
    {
        .success(UpstreamResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    @Test func queuedRowIsDueAtOnceAndLeasedWhenClaimed() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: "v1", now: clock.now)
        #expect(row.status == .queued && row.tries == 0)
        let claimed = try #require(try outbox.claimDue(now: clock.now, lease: 90))
        #expect(claimed.id == row.id)
        // Leased: neither this process nor another takes it again until the lease ends.
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(89), lease: 90) == nil)
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(90), lease: 90)?.id == row.id)
    }

    @Test func deliveredOn2xx() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        clock.advance(2)
        let after = try outbox.record(id: row.id, result: answer(201, body: #"{"status":"stored"}"#), now: clock.now)
        #expect(after.status == .delivered && after.tries == 1 && after.lastStatus == 201)
        #expect(after.deliveredAt == Timestamp.string(clock.now))
        #expect(after.responseBody == nil)
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(3600), lease: 90) == nil)
    }

    @Test func serverErrorsAndNetworkFailuresBackOffExponentially() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        var expectedDelays: [Double] = []
        var actualDelays: [Double] = []
        for attempt in 1...12 {
            let result: Result<UpstreamResponse, TransportError> =
                attempt % 3 == 0
                ? .failure(TransportError(code: 7, message: "Failed to connect to 127.0.0.1 port 9"))
                : answer(attempt % 2 == 0 ? 503 : 500, body: "busy")
            let after = try outbox.record(id: row.id, result: result, now: clock.now)
            #expect(after.status == .queued && after.tries == attempt)
            let next = try #require(after.nextAttemptAt.flatMap(Timestamp.date))
            actualDelays.append(next.timeIntervalSince(clock.now))
            expectedDelays.append(min(900, pow(2, Double(attempt - 1))) / 2)
            clock.advance(next.timeIntervalSince(clock.now))
        }
        for (actual, expected) in zip(actualDelays, expectedDelays) { #expect(abs(actual - expected) < 0.002) }
        let last = try #require(try outbox.row(id: row.id))
        #expect(last.lastStatus == nil && last.lastError?.contains("port 9") == true)
    }

    @Test func retryAfterIsHonoured() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        let after = try outbox.record(id: row.id, result: answer(429, headers: [("Retry-After", "120")]), now: clock.now)
        #expect(after.status == .queued)
        #expect(after.nextAttemptAt == Timestamp.string(clock.now.addingTimeInterval(120)))
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(119), lease: 90) == nil)
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(120), lease: 90) != nil)
    }

    @Test func otherClientErrorsFailAtOnceKeepingTheResponse() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        let refusal = #"{"error":"unit_mismatch","message_en":"the summary is for unit X"}"#
        let after = try outbox.record(id: row.id, result: answer(422, body: refusal), now: clock.now)
        #expect(after.status == .failed && after.tries == 1 && after.lastStatus == 422)
        #expect(after.responseBody == refusal)
        #expect(after.nextAttemptAt == nil)
        #expect(try outbox.claimDue(now: clock.now.addingTimeInterval(86_400), lease: 90) == nil)
    }

    @Test func givesUpAfterTwentyFourHoursOfRetries() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        try outbox.record(id: row.id, result: answer(502), now: clock.now)
        clock.advance(86_399)
        #expect(try outbox.record(id: row.id, result: answer(502), now: clock.now).status == .queued)
        clock.advance(1)
        let gaveUp = try outbox.record(id: row.id, result: answer(502, body: "bad gateway"), now: clock.now)
        #expect(gaveUp.status == .failed && gaveUp.tries == 3)
        #expect(gaveUp.lastError?.contains("24 h") == true && gaveUp.responseBody == "bad gateway")
    }

    @Test func retryRequeuesOnlyFailedRowsWithAFreshStart() throws {
        let failed = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        try outbox.record(id: failed.id, result: answer(401), now: clock.now)
        let queued = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        #expect(throws: OutboxError.notFailed(queued.id, "queued")) { try outbox.retry(id: queued.id, now: clock.now) }
        #expect(throws: OutboxError.unknownRow("nope")) { try outbox.retry(id: "nope", now: clock.now) }
        clock.advance(60)
        #expect(try outbox.retry(id: String(failed.id.prefix(8)), now: clock.now) == [failed.id])
        let again = try #require(try outbox.row(id: failed.id))
        #expect(again.status == .queued && again.tries == 0 && again.firstAttemptAt == nil)
        #expect(again.nextAttemptAt == Timestamp.string(clock.now))
        try outbox.record(id: failed.id, result: answer(400), now: clock.now)
        #expect(try outbox.retry(id: nil, now: clock.now) == [failed.id])
    }

    @Test func countsEveryStatusIncludingZeros() async throws {
        let a = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        _ = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        try outbox.record(id: a.id, result: answer(200), now: clock.now)
        #expect(try await outbox.countsByStatus() == [.queued: 1, .delivered: 1, .failed: 0])
    }

    @Test func stateSurvivesReopeningTheDatabase() throws {
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)
        try outbox.record(id: row.id, result: answer(503), now: clock.now)
        let reopened = try AppDatabase(directory: (database.path as NSString).deletingLastPathComponent)
        let stored = try #require(try Outbox(database: reopened).row(id: row.id))
        #expect(stored.status == .queued && stored.tries == 1 && stored.lastStatus == 503)
        #expect(stored.payload == row.payload)
    }
}
