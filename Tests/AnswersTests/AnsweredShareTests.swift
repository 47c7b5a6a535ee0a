import Analysis
import Foundation
import Reports
import Storage
import Summary
import Testing

@testable import Answers

@Suite("The answered share: per theme, school and overall, in the summary and the targets")
struct AnsweredShareTests {
    static let swim = "Cháu mong có lớp dạy bơi miễn phí vào mùa hè cho học sinh"

    /// Three copies of one request (two to count, one opinion), a library question, a speed-bump recommendation.
    struct Setup {
        let world: AnswerWorld
        var swimQuestion = "", swimRecommendation = "", swimOpinion = "", library = "", speedBump = ""

        init() async throws {
            world = try AnswerWorld()
            swimQuestion = try await world.entry(AnsweredShareTests.swim, kind: "question", theme: "injury_accident")
            swimRecommendation = try await world.entry(
                AnsweredShareTests.swim, kind: "recommendation", school: "TH-B",
                theme: "injury_accident")
            swimOpinion = try await world.entry(AnsweredShareTests.swim, kind: "opinion", theme: "injury_accident")
            library = try await world.entry("Thư viện trường cần thêm nhiều sách truyện tranh", kind: "question", theme: "other")
            speedBump = try await world.entry(
                "Cổng trường đông xe máy quá, cần có gờ giảm tốc", kind: "recommendation",
                school: "TH-B", theme: "injury_accident")
            try await world.analyse()
        }
    }

    @Test func answeringAnIssueAnswersEachOfItsQuestionsAndRecommendations() async throws {
        let setup = try await Setup()
        let world = setup.world
        let swimIssue = try await world.issue(of: setup.swimQuestion)
        #expect(try await world.issue(of: setup.swimRecommendation) == swimIssue)
        #expect(try await world.issue(of: setup.swimOpinion) == swimIssue)
        #expect(
            try await world.tally()
                == Summary.AnswerTally(
                    asked: 4, answered: 0, byStatus: ["unanswered": 4],
                    theme: ["injury_accident": .init(asked: 3), "other": .init(asked: 1)],
                    school: ["TH-A": .init(asked: 2), "TH-B": .init(asked: 2)]))

        try await world.answer(.issue(swimIssue), "implemented", text: "Hè này phường mở lớp bơi miễn phí ở nhà văn hoá")
        // An entry answered on its own; a draft and an "unanswered" assignment do not count.
        try await world.answer(
            .entry(setup.speedBump), "cannot_implement", text: "Chưa làm ngay được",
            reason: "Đường do thành phố quản lý", solution: "Đã đề nghị Sở GTVT khảo sát")
        try await world.answer(.issue(try await world.issue(of: setup.library)), "answered", text: "Sẽ mua thêm", draft: true)
        var tally = try await world.tally()
        #expect(tally.asked == 4 && tally.answered == 3 && tally.share == 75)
        #expect(tally.byStatus == ["implemented": 2, "cannot_implement": 1, "unanswered": 1])
        #expect(tally.theme == ["injury_accident": .init(asked: 3, answered: 3), "other": .init(asked: 1, answered: 0)])
        #expect(tally.school == ["TH-A": .init(asked: 2, answered: 1), "TH-B": .init(asked: 2, answered: 2)])

        try await world.answer(.issue(try await world.issue(of: setup.library)), "unanswered", text: nil)
        #expect(try await world.tally().answered == 3)

        // The newest word wins: a later answer to the speed bump's whole issue replaces the entry's own.
        try await world.answer(
            .issue(try await world.issue(of: setup.speedBump)), "under_consideration",
            text: "Quận đang cùng Sở GTVT khảo sát")
        tally = try await world.tally()
        #expect(tally.byStatus == ["implemented": 2, "under_consideration": 1, "unanswered": 1])
        // Only the campaign's kinds count.
        #expect(try await world.tally(policy: AnswerPolicy(kinds: ["question"])).asked == 2)
        // Nor entries from before the campaign's start.
        #expect(try await world.tally(start: "2999-01").asked == 0)
    }

    @Test func anAnswerFollowsItsIssueIntoAMerge() async throws {
        let setup = try await Setup()
        let world = setup.world
        // Issues of one theme only can be merged: staff first correct the library entry's theme,
        // which moves it into an issue of its own under that theme.
        try await IssueEditing(database: world.database).correctTheme(submission: setup.library, to: "injury_accident")
        let libraryIssue = try await world.issue(of: setup.library)
        let swimIssue = try await world.issue(of: setup.swimQuestion)
        try await world.answer(.issue(libraryIssue), "answered", text: "Thư viện sẽ nhận thêm 200 cuốn truyện")
        try await IssueEditing(database: world.database).merge(into: swimIssue, from: [libraryIssue])
        // The library question now sits in the swimming issue, and its answer came with it.
        #expect(try await world.tally().answered == 3)
        // Answering the merged id answers the issue that absorbed it.
        let version = try await world.answer(.issue(libraryIssue), "implemented", text: "Đã có lớp bơi")
        #expect(version.target == .issue(swimIssue))
    }

    @Test func theSummaryAndItsTargetCarryTheShareWithTheUnitsBelow() async throws {
        let setup = try await Setup()
        let world = setup.world
        try await world.answer(.issue(try await world.issue(of: setup.swimQuestion)), "implemented", text: "Có lớp bơi")
        try await world.receive(
            from: "TH-C", issues: [],
            answers: Summary.AnswerTally(
                asked: 4, answered: 1, byStatus: ["answered": 1, "unanswered": 3],
                theme: ["other": .init(asked: 4, answered: 1)], school: ["TH-C": .init(asked: 4, answered: 1)]))
        let targets = CampaignTargets(
            start: "2024-01-01",
            targets: [
                .init(
                    id: "questions_answered", label: .init(vi: "Câu hỏi được trả lời"), metric: .answeredShare, goal: 100,
                    deadline: "2027-08-31")
            ])
        let builder = SummaryBuilder(
            database: world.database, forms: try world.database.storedFormVersions(),
            targets: targets, unit: "Q-DEMO")
        let summary = try await builder.build(below: try SummaryBuilder.latestBelow(world.database))
        let answers = try #require(summary.answers)
        #expect(answers.asked == 8 && answers.answered == 3)
        #expect(answers.byStatus == ["implemented": 2, "answered": 1, "unanswered": 5])
        #expect(answers.school["TH-C"] == .init(asked: 4, answered: 1))
        #expect(answers.theme["other"] == .init(asked: 5, answered: 1))
        let target = try #require(summary.targets?.first)
        #expect(target.current == 37.5 && target.percent == 37.5 && target.onTrack == false)
        #expect(target.note?.contains("3/8") == true)
        // The summary still validates, and a reader older than answers simply ignores the block.
        let data = try JSONEncoder().encode(summary)
        #expect(throws: Never.self) { try Summary.decodeValidated(data).get() }
        let report = ReportRenderer(summary: summary, forms: try world.database.storedFormVersions(), schools: []).markdown()
        #expect(report.contains("## Trả lời câu hỏi, kiến nghị của trẻ em"))
        #expect(report.contains("đã được trả lời: **3** (37,5 %)"))
    }

    @Test func withNothingAskedTheTargetSaysSo() async throws {
        let world = try AnswerWorld()
        let targets = CampaignTargets(
            start: "2024-01-01",
            targets: [
                .init(id: "q", label: .init(vi: "q"), metric: .answeredShare, goal: 100, deadline: "2027-08-31")
            ])
        let summary = try await SummaryBuilder(
            database: world.database, forms: try world.database.storedFormVersions(),
            targets: targets, unit: "X"
        ).build()
        #expect(summary.targets?.first?.current == nil)
        #expect(summary.targets?.first?.note?.contains("Chưa có câu hỏi") == true)
        #expect(summary.answers == Summary.AnswerTally())
    }
}
