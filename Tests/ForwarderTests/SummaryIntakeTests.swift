import Aggregator
import Foundation
import Storage
import Testing
@testable import Forwarder

@Suite("Receiving a pushed summary")
struct SummaryIntakeTests {
    let database: AppDatabase
    let clock = ManualClock()
    let intake: SummaryIntake

    init() throws {
        (database, _) = try Fixture.database()
        try database.addSender(code: "TH-A", secret: Fixture.secret.text)
        intake = SummaryIntake(database: database, clock: clock.function)
    }

    func request(_ summary: Summary = Fixture.summary(), sender: String? = "TH-A", key: String? = "k-1",
                 secret: UpstreamSecret = Fixture.secret, skew: Int64 = 0, tamper: Bool = false) throws -> SummaryIntake.Request {
        let body = try Outbox.encode(summary).data(using: .utf8)!
        let timestamp = Int64(clock.now.timeIntervalSince1970) + skew
        let signature = RequestSignature.sign(secret: secret, timestamp: timestamp, body: body)
        return SummaryIntake.Request(sender: sender, timestamp: String(timestamp), signature: signature,
                                     idempotencyKey: key, body: tamper ? body + Data(" ".utf8) : body)
    }

    func refusalCode(_ outcome: SummaryIntake.Outcome) -> (Int, String)? {
        if case let .refused(refusal) = outcome { return (refusal.status, refusal.code) }
        return nil
    }

    @Test func storesOnceAndAnswersAReplayWithoutStoringAgain() async throws {
        let first = try request()
        #expect(await intake.receive(first) == .stored(sender: "TH-A"))
        #expect(await intake.receive(first) == .duplicate(sender: "TH-A"))
        // A lower-case sender header is the same unit.
        #expect(await intake.receive(try request(sender: "th-a")) == .duplicate(sender: "TH-A"))
        #expect(try database.receivedSummaries().count == 1)
        // The same key with another body is a conflict, not an overwrite.
        let other = try request(Fixture.summary(entries: 9))
        #expect(refusalCode(await intake.receive(other))! == (409, "idempotency_conflict"))
        #expect(try database.receivedSummaries().count == 1)
    }

    @Test func refusesWithoutStoringAnything() async throws {
        let cases: [(SummaryIntake.Request, Int, String)] = [
            (try request(sender: nil), 401, "missing_header"),
            (try request(sender: "TH-ZZZ"), 401, "unknown_sender"),
            (try request(secret: try UpstreamSecret("not-the-shared-secret")), 401, "bad_signature"),
            (try request(tamper: true), 401, "bad_signature"),
            (try request(skew: -301), 401, "stale_timestamp"),
            (try request(skew: 301), 401, "stale_timestamp"),
            (try request(key: nil), 400, "missing_idempotency_key"),
            (try request(Fixture.summary(unit: "TH-B")), 422, "unit_mismatch"),
            (try request(Fixture.summary(entries: -1)), 422, "invalid_summary"),
            (try request(Fixture.summary(generatedAt: "hôm qua")), 422, "invalid_summary"),
        ]
        for (request, status, code) in cases {
            let outcome = await intake.receive(request)
            #expect(refusalCode(outcome)! == (status, code), "\(code)")
        }
        var unsigned = try request()
        unsigned.signature = nil
        #expect(refusalCode(await intake.receive(unsigned))! == (401, "missing_header"))
        unsigned = try request()
        unsigned.timestamp = "yesterday"
        #expect(refusalCode(await intake.receive(unsigned))! == (401, "bad_timestamp"))
        #expect(try database.receivedSummaries().isEmpty)
    }

    @Test func aTimestampWithinFiveMinutesIsAccepted() async throws {
        #expect(await intake.receive(try request(key: "a", skew: -299)) == .stored(sender: "TH-A"))
        #expect(await intake.receive(try request(key: "b", skew: 299)) == .stored(sender: "TH-A"))
    }

    @Test func keepsEachSendersLatestByGenerationTime() async throws {
        try database.addSender(code: "TH-B", secret: "another-secret-of-school-b")
        let b = try UpstreamSecret("another-secret-of-school-b")
        #expect(await intake.receive(try request(Fixture.summary(entries: 5, generatedAt: "2025-06-15T10:00:00Z"), key: "new")) == .stored(sender: "TH-A"))
        // An older summary arriving late (a delayed retry) does not replace the newer one.
        #expect(await intake.receive(try request(Fixture.summary(entries: 2, generatedAt: "2025-06-15T09:00:00.000Z"), key: "old")) == .stored(sender: "TH-A"))
        #expect(await intake.receive(try request(Fixture.summary(unit: "TH-B", entries: 7), sender: "TH-B", key: "b1", secret: b)) == .stored(sender: "TH-B"))
        let latest = try database.latestReceivedSummaries()
        #expect(latest.map(\.sender) == ["TH-A", "TH-B"])
        #expect(latest.map(\.idempotencyKey) == ["new", "b1"])
        #expect(latest[0].generatedAt == "2025-06-15T10:00:00.000Z")
        #expect(try database.receivedSummaries().count == 3)
    }

    @Test func isOffUntilASenderIsRegistered() async throws {
        let (empty, _) = try Fixture.database()
        #expect(try await SummaryIntake(database: empty).isOn() == false)
        #expect(try await intake.isOn() == true)
    }
}
