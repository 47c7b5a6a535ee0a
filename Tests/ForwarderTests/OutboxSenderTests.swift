import Analysis
import Answers
import Foundation
import Reports
import Storage
import Summary
import Testing
import WebApp

@testable import Forwarder

@Suite("Delivering outbox rows")
struct OutboxSenderTests {
    @Test func signsEveryAttemptAfreshWithTheSameKeyAndBody() async throws {
        let (database, _) = try Fixture.database()
        let clock = ManualClock()
        let outbox = Outbox(database: database, policy: RetryPolicy(random: { 0 }))
        let transport = ScriptedTransport([
            .success(UpstreamResponse(status: 500)),
            .success(UpstreamResponse(status: 201)),
        ])
        let sender = OutboxSender(outbox: outbox, upstream: Fixture.upstream(), transport: transport, clock: clock.function)
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: clock.now)

        #expect(try await sender.deliverDue() == 1)
        #expect(try await sender.deliverDue() == 0)  // backing off
        clock.advance(100)  // well past the backoff: the second signature carries the new time
        #expect(try await sender.deliverDue() == 1)
        #expect(try outbox.row(id: row.id)?.status == .delivered)

        let requests = transport.requests
        #expect(requests.count == 2)
        for (index, request) in requests.enumerated() {
            func header(_ name: String) -> String? { request.headers.first { $0.name == name }?.value }
            #expect(request.body == Data(row.payload.utf8))
            #expect(header("Content-Type") == "application/json")
            #expect(header("Idempotency-Key") == row.id)
            #expect(header("X-TiengNoi-Sender") == "TH-A")
            let timestamp = try #require(header("X-TiengNoi-Timestamp").flatMap { Int64($0) })
            #expect(timestamp == (index == 0 ? 1_750_000_000 : 1_750_000_100))
            #expect(
                RequestSignature.isValid(
                    try #require(header("X-TiengNoi-Signature")), secret: Fixture.secret,
                    sender: "TH-A", idempotencyKey: row.id, timestamp: timestamp, body: request.body))
        }
    }

    @Test func thePayloadIsFrozenWhenQueued() async throws {
        let (database, form) = try Fixture.database()
        let outbox = Outbox(database: database)
        let queueing = SummaryQueueing(outbox: outbox, source: try Fixture.source(database, unit: "TH-A"))
        try await Fixture.addEntry(database, form: form, answers: ["school": "TH-A", "kind": "opinion", "text": "Em muốn học bơi"])
        let row = try await queueing.queueNow()
        try await Fixture.addEntry(database, form: form, answers: ["school": "TH-A", "kind": "opinion", "text": "Cần thêm cây xanh"])
        let transport = ScriptedTransport([
            .failure(TransportError(code: 7, message: "refused")),
            .success(UpstreamResponse(status: 200)),
        ])
        let sender = OutboxSender(outbox: outbox, upstream: Fixture.upstream(), transport: transport)
        let delivered = try await sender.deliver(id: row.id, maxWait: 10)
        #expect(delivered.status == .delivered && delivered.tries == 2)
        let bodies = transport.requests.map { try! Summary.decodeValidated($0.body).get() }
        #expect(bodies.map(\.totals.entries) == [1, 1])
    }

    @Test func waitingGivesUpAtItsLimitAndLeavesTheRowQueued() async throws {
        let (database, _) = try Fixture.database()
        let outbox = Outbox(database: database)
        let row = try outbox.enqueue(Fixture.summary(), dataVersion: nil, now: Date())
        let transport = ScriptedTransport(Array(repeating: .success(UpstreamResponse(status: 503)), count: 20))
        let sender = OutboxSender(outbox: outbox, upstream: Fixture.upstream(), transport: transport)
        let after = try await sender.deliver(id: row.id, maxWait: 1.2)
        #expect(after.status == .queued && after.tries >= 1)
        // It stopped at its limit: twenty scripted failures were available, a few were used.
        #expect(transport.requests.count <= 3)
    }
}
