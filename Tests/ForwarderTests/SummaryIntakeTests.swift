import Analysis
import Answers
import Foundation
import Reports
import Storage
import Summary
import Testing
import WebApp

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

    func request(
        _ summary: Summary = Fixture.summary(), sender: String? = "TH-A", key: String? = "k-1",
        secret: UpstreamSecret = Fixture.secret, skew: Int64 = 0, tamper: Bool = false
    ) throws -> SummaryIntake.Request {
        let body = try Outbox.encode(summary).data(using: .utf8)!
        let timestamp = Int64(clock.now.timeIntervalSince1970) + skew
        let signature = RequestSignature.sign(
            secret: secret, sender: sender ?? "", idempotencyKey: key ?? "",
            timestamp: timestamp, body: body)
        return SummaryIntake.Request(
            sender: sender, timestamp: String(timestamp), signature: signature,
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
        #expect(
            await intake.receive(try request(Fixture.summary(entries: 5, generatedAt: "2025-06-15T10:00:00Z"), key: "new")) == .stored(sender: "TH-A")
        )
        // An older summary arriving late (a delayed retry) does not replace the newer one.
        #expect(
            await intake.receive(try request(Fixture.summary(entries: 2, generatedAt: "2025-06-15T09:00:00.000Z"), key: "old"))
                == .stored(sender: "TH-A"))
        #expect(
            await intake.receive(try request(Fixture.summary(unit: "TH-B", entries: 7), sender: "TH-B", key: "b1", secret: b))
                == .stored(sender: "TH-B"))
        let latest = try database.latestReceivedSummaries()
        #expect(latest.map(\.sender) == ["TH-A", "TH-B"])
        #expect(latest.map(\.idempotencyKey) == ["new", "b1"])
        #expect(latest[0].generatedAt == "2025-06-15T10:00:00.000Z")
        #expect(try database.receivedSummaries().count == 3)
    }

    /// A captured push sent again under a new Idempotency-Key would be stored twice if the key were
    /// not signed: it is refused instead, and nothing is added.
    @Test func aReplayUnderANewKeyIsRefused() async throws {
        let first = try request(key: "k-1")
        #expect(await intake.receive(first) == .stored(sender: "TH-A"))
        var replay = first
        replay.idempotencyKey = "k-2"
        #expect(refusalCode(await intake.receive(replay))! == (401, "bad_signature"))
        var retired = first
        retired.signature = "sha256=" + String(repeating: "0", count: 64)
        #expect(refusalCode(await intake.receive(retired))! == (401, "signature_version"))
        #expect(try database.receivedSummaries().count == 1)
    }

    /// A school is believed only about itself: any tally, issue, origin, included unit, answered
    /// share naming another school is refused whole, and nothing is stored.
    @Test func aSummaryNamingAnotherUnitIsRefused() async throws {
        func own() -> Summary { Fixture.summary(entries: 3) }
        var forged: [(String, Summary)] = []
        var tally = own()
        tally.tallies["school"]?["TH-B"] = .init(entries: 99_999, consultations: 99_999)
        forged.append(("tally", tally))
        var ward = own()
        ward.tallies["ward"] = ["P2": .init(entries: 3, consultations: 3)]
        forged.append(("ward", ward))
        var issueSchools = own()
        issueSchools.issues = [
            .init(
                id: "i-1", theme: "other", representative: "Lời của trường B", entries: 1,
                participants: 1, schools: ["TH-B"], origin: "TH-A")
        ]
        forged.append(("issue schools", issueSchools))
        var origin = own()
        origin.issues = [
            .init(
                id: "i-2", theme: "other", representative: "x", entries: 1, participants: 1,
                schools: ["TH-A"], origin: "TH-B")
        ]
        forged.append(("origin", origin))
        var includes = own()
        includes.includes = [.init(unit: "TH-B", generatedAt: "2025-06-15T08:00:00Z", receivedAt: "2025-06-15T08:00:00Z")]
        forged.append(("includes", includes))
        var answers = own()
        answers.answers = .init(asked: 1, answered: 1, school: ["TH-B": .init(asked: 1, answered: 1)])
        forged.append(("answers", answers))
        for (index, (name, summary)) in forged.enumerated() {
            let outcome = await intake.receive(try request(summary, key: "forged-\(index)"))
            #expect(refusalCode(outcome).map { $0 == (422, "foreign_units") } == true, "\(name)")
        }
        #expect(try database.receivedSummaries().isEmpty)
        // Its own ward and its own issue are fine.
        var fine = own()
        fine.tallies["ward"] = ["P1": .init(entries: 3, consultations: 3)]
        fine.issues = [
            .init(
                id: "i-3", theme: "other", representative: "x", entries: 1, participants: 1,
                schools: ["TH-A"], origin: "TH-A")
        ]
        #expect(await intake.receive(try request(fine, key: "fine")) == .stored(sender: "TH-A"))
    }

    /// A ward registered with its schools may speak for them, and for nobody else.
    @Test func unitsRegisteredBelowASenderMaySpeakThroughIt() async throws {
        try database.addSender(code: "P1", secret: "the-secret-of-ward-one", units: ["TH-A"])
        let ward = try UpstreamSecret("the-secret-of-ward-one")
        var summary = Fixture.summary(unit: "P1", entries: 4)
        summary.tallies["school"] = ["TH-A": .init(entries: 4, consultations: 4)]
        summary.tallies["ward"] = ["P1": .init(entries: 4, consultations: 4)]
        summary.includes = [.init(unit: "TH-A", generatedAt: "2025-06-15T08:00:00Z", receivedAt: "2025-06-15T08:00:00Z")]
        #expect(await intake.receive(try request(summary, sender: "P1", key: "w1", secret: ward)) == .stored(sender: "P1"))
        summary.tallies["school"]?["TH-B"] = .init(entries: 1, consultations: 1)
        #expect(refusalCode(await intake.receive(try request(summary, sender: "P1", key: "w2", secret: ward)))! == (422, "foreign_units"))
    }

    /// An issue id belongs to the unit that formed it: another unit claiming it is refused.
    @Test func anIssueIdReportedByAnotherUnitIsRefused() async throws {
        try database.addSender(code: "TH-B", secret: "another-secret-of-school-b")
        let b = try UpstreamSecret("another-secret-of-school-b")
        var fromB = Fixture.summary(unit: "TH-B")
        fromB.issues = [
            .init(
                id: "issue-of-b", theme: "other", representative: "Lời của B", entries: 3, participants: 3,
                schools: ["TH-B"], origin: "TH-B")
        ]
        #expect(await intake.receive(try request(fromB, sender: "TH-B", key: "b1", secret: b)) == .stored(sender: "TH-B"))
        var fromA = Fixture.summary()
        fromA.issues = [
            .init(
                id: "issue-of-b", theme: "other", representative: "Lời giả", entries: 1, participants: 1,
                schools: ["TH-A"], origin: "TH-A")
        ]
        #expect(refusalCode(await intake.receive(try request(fromA, key: "a1")))! == (422, "foreign_units"))
    }

    @Test func isOffUntilASenderIsRegistered() async throws {
        let (empty, _) = try Fixture.database()
        #expect(try await SummaryIntake(database: empty).isOn() == false)
        #expect(try await intake.isOn() == true)
    }
}
