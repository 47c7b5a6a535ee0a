import Analysis
import Forms
import Foundation
import GRDB
import Reports
import Storage
import Summary
import Testing

@testable import Answers

@Suite("Answers: drafts and versions, due dates, the overdue list per office")
struct AnswerBoardTests {
    @Test func defaultDueDatesCountFromCreationOrTheForum() {
        let policy = AnswerPolicy(dueDays: 30)
        #expect(policy.defaultDueDate(createdDay: "2025-05-10") == "2025-06-09")
        // 18:30 UTC on 31 May is already 1 June in Hà Nội.
        #expect(policy.defaultDueDate(createdAt: "2025-05-31T18:30:00.000Z") == "2025-07-01")
        #expect(policy.defaultDueDate(createdDay: "2024-02-15") == "2024-03-16")  // a leap year
        let forum = AnswerPolicy(dueDays: 30, forumDate: "2025-06-15")
        #expect(forum.defaultDueDate(createdDay: "2025-05-10") == "2025-07-15")  // asked before the forum
        #expect(forum.defaultDueDate(createdDay: "2025-06-20") == "2025-07-20")  // asked after it
        #expect(!AnswerPolicy.isOverdue(dueDate: "2025-07-15", today: "2025-07-15"))
        #expect(AnswerPolicy.isOverdue(dueDate: "2025-07-15", today: "2025-07-16"))
    }

    @Test func publishingIsAuditedOnceUnderWhoPublished() async throws {
        let world = try AnswerWorld()
        let id = try await world.entry("Cháu mong có lớp dạy bơi miễn phí vào hè", kind: "recommendation")
        try await world.analyse()
        let target = AnswerTarget.issue(try await world.issue(of: id))
        let store = AnswerStore(database: world.database, actor: "phong-gd")
        let draft = try await store.set(
            AnswerRequest(
                target: target, status: "implemented", text: "Hè này mở lớp bơi",
                office: "Phòng GD&ĐT quận", reason: nil, solution: nil,
                dueDate: nil, draft: true))
        func audited() async throws -> [String] {
            try await world.database.auditEntries(action: "answer.publish").map { "\($0.actor) \($0.detail)" }
        }
        #expect(try await audited() == [])  // a draft is not a publication
        _ = try await store.publish(answerID: draft.id)
        _ = try await store.publish(answerID: draft.id)  // a double click publishes nothing more
        #expect(try await audited() == ["phong-gd \(target) implemented"])
    }

    @Test func theCampaignFileSetsTheAnswerPolicy() throws {
        let targets = try CampaignTargets.parse(
            yaml: """
                start: 2024-01-01
                answers: {due_days: 14, forum_date: 2025-06-15, kinds: [question]}
                targets: []
                """, file: "targets.yaml")
        #expect(targets.answers == AnswerPolicy(dueDays: 14, forumDate: "2025-06-15", kinds: ["question"]))
        #expect(try CampaignTargets.parse(yaml: "start: 2024-01-01\ntargets: []\n", file: "t").answers == AnswerPolicy())
        #expect(throws: FormProblems.self) { try CampaignTargets.parse(yaml: "answers: {due_days: 0}\n", file: "t") }
        #expect(throws: FormProblems.self) { try CampaignTargets.parse(yaml: "answers: {forum_date: 15/06/2025}\n", file: "t") }
        let shipped = try CampaignTargets.load(formsDirectory: Fixtures.repositoryRoot.appendingPathComponent("forms").path)
        #expect(shipped.answers.dueDays == 30 && shipped.answers.kinds == ["question", "recommendation"])
    }

    @Test func aQuestionUnansweredPastItsDueDateIsOverdueUntilAnAnswerIsPublished() async throws {
        let world = try AnswerWorld()
        let asked = vietnamMorning("2025-05-10")
        let question = try await world.entry("Bao giờ trường có bể bơi ạ?", kind: "question", at: asked)
        let opinion = try await world.entry("Em thích giờ ra chơi ở sân trường mới", kind: "opinion", school: "TH-B", at: asked)
        try await world.analyse(now: asked)
        let issue = try await world.issue(of: question)
        let board = AnswerBoard(database: world.database, policy: AnswerPolicy(dueDays: 30))

        let onTime = try await board.items(now: vietnamMorning("2025-06-09"))
        #expect(onTime.first { $0.target == .issue(issue) }?.dueDate == "2025-06-09")
        #expect(onTime.allSatisfy { !$0.overdue })

        let late = vietnamMorning("2025-06-10")
        var overdue = try await board.overdueByOffice(now: late)
        // Only the question's issue: an issue of opinions alone is not owed an answer.
        #expect(overdue.map(\.office) == [""])
        #expect(overdue.first?.items.map(\.target) == [.issue(issue)])
        #expect(try await world.issue(of: opinion) != issue)

        // Assigned to an office: listed under it, still overdue.
        try await world.answer(.issue(issue), "unanswered", text: nil, office: "Phòng GD&ĐT quận", now: late)
        overdue = try await board.overdueByOffice(now: late)
        #expect(overdue.map(\.office) == ["Phòng GD&ĐT quận"])
        let byOffice = try await board.items(.init(overdueOnly: true, office: " phòng gd&đt QUẬN "), now: late)
        #expect(byOffice.map(\.target) == [.issue(issue)])

        // A draft answer changes nothing for the children, so nothing for the overdue list.
        let draft = try await world.answer(.issue(issue), "answered", text: "Năm học tới sẽ có bể bơi", draft: true, now: late)
        #expect(draft.isDraft && draft.office == "Phòng GD&ĐT quận")
        #expect(try await board.items(.init(overdueOnly: true), now: late).count == 1)
        let published = try await AnswerStore(database: world.database).publish(answerID: draft.id, now: late)
        #expect(!published.isDraft && published.publishedSeq == 2)
        #expect(try await board.items(.init(overdueOnly: true), now: late).isEmpty)
        let item = try #require(try await board.items(.init(school: "th-a"), now: late).first)
        #expect(item.status == .answered && item.published?.text == "Năm học tới sẽ có bể bơi" && item.draft == nil)
    }

    /// An issue's or entry's page reads its own line alone (`AnswerBoard.item`): it must be the
    /// same line the whole board shows, for every kind of line, and none where the board has none.
    @Test func aPageReadsTheSameLineTheBoardShows() async throws {
        let world = try AnswerWorld()
        let asked = vietnamMorning("2025-05-10")
        let swim = try await world.entry("Cháu mong có lớp dạy bơi miễn phí vào hè", kind: "recommendation", at: asked)
        let phone = try await world.entry("Bố mẹ nên cho con xem điện thoại ít thôi", kind: "opinion", school: "TH-B", at: asked)
        let canteen = try await world.entry("Căng tin bán đắt quá, cháu xin hỏi vì sao ạ?", kind: "question", at: asked)
        try await world.analyse(now: asked)
        try await world.receive(from: "TH-B", issues: [AnswerWorld.reported("44444444-4444-4444-8444-444444444444", school: "TH-B")])
        try await world.answer(.entry(canteen), "answered", text: "Căng tin sẽ giảm giá", now: asked)
        try await world.answer(.issue(try await world.issue(of: swim)), "answered", text: "Hè này có lớp bơi", draft: true, now: asked)
        let board = AnswerBoard(database: world.database, policy: AnswerPolicy(dueDays: 30))
        let late = vietnamMorning("2025-07-01")

        let all = try await board.items(.init(limit: .max), now: late)
        #expect(Set(all.map(\.target.kind)) == ["issue", "entry"])
        #expect(all.contains { $0.origin == "TH-B" }, "the issue reported from below is on the board")
        #expect(all.contains { $0.overdue } && all.contains { $0.draft != nil })
        for line in all {
            #expect(try await board.item(line.target, now: late) == line)
        }
        // No line: an entry never answered on its own, an unknown issue, an issue merged away.
        #expect(try await board.item(.entry(swim), now: late) == nil)
        #expect(try await board.item(.issue("khong-co"), now: late) == nil)
        let phoneIssue = try await world.issue(of: phone)
        try await IssueEditing(database: world.database).correctTheme(submission: phone, to: "injury_accident")
        let moved = try await world.issue(of: phone)
        try await IssueEditing(database: world.database).merge(into: try await world.issue(of: swim), from: [moved])
        #expect(try await board.item(.issue(moved), now: late) == nil)
        #expect(try await board.item(.issue(phoneIssue), now: late) == nil)
    }

    @Test func anExplicitDueDateMovesTheDeadline() async throws {
        let world = try AnswerWorld()
        let asked = vietnamMorning("2025-05-10")
        let question = try await world.entry("Xin cho chúng cháu sân bóng mini", kind: "recommendation", at: asked)
        try await world.analyse(now: asked)
        let issue = try await world.issue(of: question)
        try await world.answer(.issue(issue), "unanswered", text: nil, due: "2025-09-01", now: asked)
        let board = AnswerBoard(database: world.database, policy: AnswerPolicy())
        let item = try #require(try await board.items(now: vietnamMorning("2025-08-31")).first)
        #expect(item.dueDate == "2025-09-01" && !item.overdue)
        #expect(try await board.items(now: vietnamMorning("2025-09-02")).first?.overdue == true)
    }

    @Test func oneDraftPerTargetAndEveryPublishedVersionKept() async throws {
        let world = try AnswerWorld()
        let question = try await world.entry("Trường có thể lắp thêm quạt không ạ?", kind: "question")
        try await world.analyse()
        let issue = AnswerTarget.issue(try await world.issue(of: question))
        let store = AnswerStore(database: world.database)
        let first = try await world.answer(issue, "under_consideration", text: "Đang xem xét", draft: true)
        let edited = try await world.answer(issue, "under_consideration", text: "Đang xem xét kinh phí", draft: true)
        #expect(edited.id == first.id && edited.text == "Đang xem xét kinh phí")
        try await store.publishDraft(of: issue)
        let followUp = try await world.answer(issue, "implemented", text: "Đã lắp quạt ở các lớp tầng 3")
        #expect(followUp.id != first.id)
        let history = try await store.history(of: issue)
        #expect(history.map(\.status) == [.underConsideration, .implemented])
        #expect(history.map(\.publishedSeq) == [1, 2])
        // Publishing twice is harmless.
        #expect(try await store.publish(answerID: followUp.id).publishedSeq == 2)
        await #expect(throws: AnswerProblem.self) { try await store.publishDraft(of: issue) }
    }

    @Test func unknownTargetsAndShortIds() async throws {
        let world = try AnswerWorld()
        let question = try await world.entry("Cháu muốn hỏi về học bơi", kind: "question")
        try await world.analyse()
        let issue = try await world.issue(of: question)
        let store = AnswerStore(database: world.database)
        await #expect(throws: AnswerProblem.self) {
            try await world.answer(.issue("00000000-0000-4000-8000-000000000000"), "answered")
        }
        await #expect(throws: AnswerProblem.self) { try await world.answer(.entry("nope"), "answered") }
        #expect(try await store.resolve(String(issue.prefix(8)).uppercased()) == .issue(issue))
        #expect(try await store.resolve(question) == .entry(question))
        await #expect(throws: AnswerProblem.self) { try await store.resolve("abc") }
        // Nothing was stored by the refused attempts.
        #expect(try await world.database.answerVersions().isEmpty)
    }

    @Test func aRefusedCannotImplementStoresNothing() async throws {
        let world = try AnswerWorld()
        let question = try await world.entry("Xin làm cầu vượt trước cổng trường", kind: "recommendation")
        try await world.analyse()
        let issue = AnswerTarget.issue(try await world.issue(of: question))
        await #expect(throws: AnswerRefusal.self) { try await world.answer(issue, "cannot_implement", text: "Chưa làm được") }
        #expect(try await world.database.answerVersions().isEmpty)
        // The database refuses it too, whoever writes (a schema test: the CHECK constraint itself).
        #expect(throws: DatabaseError.self) {
            try world.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO answers (id, target_kind, target_id, office, status, text, drafted_at, source)
                        VALUES ('x', 'issue', ?, 'P', 'cannot_implement', 't', '2025-01-01T00:00:00.000Z', 'here')
                        """, arguments: [issue.id])
            }
        }
    }
}
