import Analysis
import Foundation
import Reports
import Storage
import Summary
import Testing

@testable import Answers

@Suite("Answers going down: what each unit below is sent, and storing them once")
struct AnswerFeedTests {
    static let pond = "11111111-1111-4111-8111-111111111111"
    static let gate = "22222222-2222-4222-8222-222222222222"
    static let canteen = "33333333-3333-4333-8333-333333333333"

    @Test func aUnitBelowGetsThePublishedAnswersToTheIssuesItReported() async throws {
        let world = try AnswerWorld()
        try await world.receive(
            from: "TH-A",
            issues: [
                AnswerWorld.reported(Self.pond, school: "TH-A"),
                AnswerWorld.reported(Self.gate, school: "TH-A"),
            ])
        try await world.receive(from: "TH-B", issues: [AnswerWorld.reported(Self.canteen, school: "TH-B")])
        let pond = try await world.answer(.issue(Self.pond), "implemented", text: "Đã làm hàng rào quanh ao")
        try await world.answer(.issue(Self.gate), "answered", text: "Sẽ có người hướng dẫn qua đường", draft: true)
        try await world.answer(.issue(Self.canteen), "answered", text: "Căng tin sẽ bán thêm sữa")
        let feed = AnswerFeed(database: world.database)

        let first = try await feed.page(for: "TH-A", since: 0)
        #expect(first.answers.map(\.id) == [pond.id])
        #expect(first.answers.first?.issue == Self.pond && first.answers.first?.status == "implemented")
        #expect(first.next == pond.publishedSeq && !first.more)
        // Nothing new: the cursor stays.
        #expect(try await feed.page(for: "TH-A", since: first.next) == AnswerFeed.Page(answers: [], next: first.next, more: false))
        // The draft goes down once published, and only to the unit that reported the issue.
        let published = try await AnswerStore(database: world.database).publishDraft(of: .issue(Self.gate))
        let second = try await feed.page(for: "TH-A", since: first.next)
        #expect(second.answers.map(\.id) == [published.id])
        #expect(try await feed.page(for: "TH-B", since: 0).answers.map(\.issue) == [Self.canteen])
        #expect(try await feed.page(for: "TH-Z", since: 0).answers.isEmpty)
        // Pages: one at a time, `more` says there is another.
        let small = try await feed.page(for: "TH-A", since: 0, limit: 1)
        #expect(small.answers.count == 1 && small.more)
        // A cursor from a future this database never reached (restored from a backup) starts over.
        #expect(try await feed.page(for: "TH-A", since: 999).answers.count == 2)
    }

    @Test func anIssueStillGetsItsAnswerAfterItLeftTheUnitsLatestSummary() async throws {
        let world = try AnswerWorld()
        try await world.receive(
            from: "TH-A", issues: [AnswerWorld.reported(Self.pond, school: "TH-A")],
            generatedAt: "2025-06-15T08:00:00.000Z")
        // The school merged the pond issue away; its next summary no longer names it.
        try await world.receive(from: "TH-A", issues: [], generatedAt: "2025-06-16T08:00:00.000Z")
        try await world.answer(.issue(Self.pond), "implemented", text: "Đã làm rào")
        #expect(try await AnswerFeed(database: world.database).page(for: "TH-A", since: 0).answers.count == 1)
    }

    @Test func receivedAnswersAreStoredOnceWhateverHappensToTheCursor() async throws {
        let world = try AnswerWorld()
        let receipt = AnswerReceipt(database: world.database)
        let item = AnswerFeed.Item(
            AnswerVersion(
                id: "aaaaaaaa-0000-4000-8000-000000000001", target: .issue(Self.pond), office: "Phòng GD&ĐT quận",
                status: .implemented, text: "Đã làm hàng rào", draftedAt: "2025-06-20T01:00:00.000Z",
                publishedAt: "2025-06-20T02:00:00.000Z", publishedSeq: 7))
        let version = try #require(AnswerReceipt.version(item))
        #expect(try await receipt.store([version], upstream: "http://q/api/v1/answers", next: 7) == 1)
        #expect(try await receipt.cursor(upstream: "http://q/api/v1/answers") == 7)
        // The same page again (a response cut short and retried, or a lost cursor): nothing added.
        #expect(try await receipt.store([version], upstream: "http://q/api/v1/answers", next: 7) == 0)
        let rows = try await world.database.answerVersions()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.source == "upstream" && row.publishedSeq == 1)
        #expect(row.publishedAt == "2025-06-20T02:00:00.000Z")

        // What cannot be shown is not stored: an unknown status, a "cannot implement" without its reason.
        var unknown = item
        unknown.status = "maybe"
        #expect(AnswerReceipt.version(unknown) == nil)
        var bare = item
        bare.status = "cannot_implement"
        #expect(AnswerReceipt.version(bare) == nil)
        bare.reason = "Chưa có kinh phí"
        bare.solution = "Đưa vào kế hoạch năm sau"
        #expect(AnswerReceipt.version(bare)?.status == .cannotImplement)
    }

    @Test func theSheetGroupsASchoolsQuestionsByIssueWithTheirAnswers() async throws {
        let world = try AnswerWorld()
        let swim = "Cháu mong có lớp dạy bơi miễn phí vào mùa hè cho học sinh"
        let first = try await world.entry(swim, kind: "question")
        try await world.entry(swim, kind: "recommendation")
        try await world.entry(swim, kind: "opinion")  // not a question: not on the sheet
        try await world.entry(swim, kind: "question", school: "TH-B")  // another school's
        let library = try await world.entry("Thư viện trường cần thêm nhiều sách truyện tranh", kind: "question")
        try await world.analyse()
        let swimIssue = try await world.issue(of: first)
        try await world.answer(.issue(swimIssue), "implemented", text: "Hè này có lớp bơi")
        try await world.answer(.entry(library), "answered", text: "Đang chờ", draft: true)

        let sheet = try await AnswerSheet.read(world.database, school: "TH-A", policy: AnswerPolicy())
        #expect(sheet.groups.count == 2)
        let swimGroup = try #require(sheet.groups.first { $0.issue == swimIssue })
        #expect(swimGroup.entries.map(\.kind) == ["question", "recommendation"] && swimGroup.entryCount == 2)
        #expect(swimGroup.answer?.text == "Hè này có lớp bơi")
        let libraryGroup = try #require(sheet.groups.first { $0.issue != swimIssue })
        #expect(libraryGroup.answer == nil && libraryGroup.entries.first?.ownAnswer == nil)  // a draft is not shown
    }
}
