import Analysis
import Answers
import Forms
import Foundation
import Reports
import Storage
import Summary
import Testing
import WebApp

@testable import Forwarder

@Suite("The pushed summary and queueing on change")
struct PushedSummaryTests {
    @Test func countsWithoutNamesOrWords() async throws {
        let (database, form) = try Fixture.database()
        try await Fixture.addEntry(
            database, form: form,
            answers: [
                "school": "TH-A", "kind": "recommendation", "theme": "injury_accident", "gender": "nu",
                "text": "Cháu mong có lớp dạy bơi", "name": "Nguyễn Văn A", "participants": 6,
            ])
        try await Fixture.addEntry(
            database, form: form,
            answers: [
                "school": "TH-B", "kind": "question", "text": "Bao giờ có thư viện mới ạ?", "name": "Trần Thị B",
            ])
        let summary = try await Fixture.source(database, unit: "Q-DEMO").currentSummary()
        #expect(summary.unit == "Q-DEMO")
        #expect(summary.totals.entries == 2 && summary.totals.consultations == 7)
        #expect(summary.totals.activeSchools == 2 && summary.totals.registeredSchools == 2)
        // The child's chosen theme is kept; the other entry is classified (a library: not injury).
        #expect(summary.tallies["theme"]?["injury_accident"] == .init(entries: 1, consultations: 6))
        #expect(summary.tallies["theme"]?.values.reduce(0) { $0 + $1.entries } == 2)
        #expect(summary.tallies["gender"]?["unspecified"]?.entries == 1)
        #expect(summary.issues.count == 2)
        let payload = try Outbox.encode(summary)
        // Names never leave; the children's words travel only as an issue's representative text.
        for private_ in ["Nguyễn", "Trần", "\"name\""] { #expect(!payload.contains(private_), "\(private_)") }
        #expect(throws: Never.self) { try Summary.decodeValidated(Data(payload.utf8)).get() }
    }

    @Test func queuesOnlyWhenTheDataChanged() async throws {
        let (database, form) = try Fixture.database()
        let outbox = Outbox(database: database)
        let queueing = SummaryQueueing(outbox: outbox, source: try Fixture.source(database, unit: "TH-A"))
        // Nothing to report and never pushed: stay quiet.
        #expect(try await queueing.queueIfChanged() == nil)
        try await Fixture.addEntry(database, form: form, answers: ["school": "TH-A", "kind": "opinion", "text": "Một"])
        #expect(try await queueing.queueIfChanged() != nil)
        #expect(try await queueing.queueIfChanged() == nil)
        try await Fixture.addEntry(database, form: form, answers: ["school": "TH-A", "kind": "opinion", "text": "Hai"])
        let second = try #require(try await queueing.queueIfChanged())
        #expect(try Summary.decodeValidated(Data(second.payload.utf8)).get().totals.entries == 2)
        #expect(try outbox.rows().count == 2)
    }

    @Test func addsEachSendersLatestSummary() async throws {
        let (database, form) = try Fixture.database()
        try await Fixture.addEntry(database, form: form, answers: ["school": "TH-A", "kind": "opinion", "text": "Một"])
        try database.addSender(code: "TH-B", secret: Fixture.secret.text)
        let below = Fixture.summary(unit: "TH-B", entries: 4)
        let body = try JSONEncoder().encode(below)
        _ = try await database.storeReceivedSummary(
            sender: "TH-B", idempotencyKey: "x", payload: body,
            generatedAt: "2025-06-15T08:00:00.000Z")
        let summary = try await Fixture.source(database, unit: "Q").currentSummary()
        #expect(summary.totals.entries == 5)
        #expect(summary.tallies["school"]?["TH-B"]?.entries == 4)
        #expect(summary.totals.activeSchools == 2)
        #expect(summary.includes.map(\.unit) == ["TH-B"])
    }
}
