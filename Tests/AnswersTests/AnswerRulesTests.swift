import Analysis
import Forms
import Foundation
import Reports
import Summary
import Testing

@testable import Answers

@Suite("Answer rules: statuses, required fields, what a refusal says")
struct AnswerRulesTests {
    static let issue = AnswerTarget.issue("5d0c0000-0000-4000-8000-000000000001")

    func check(
        _ status: String?, text: String? = "Trả lời", office: String? = "Phòng GD&ĐT quận", reason: String? = nil,
        solution: String? = nil, due: String? = nil, previous: AnswerVersion? = nil
    ) -> Result<AnswerRules.Checked, AnswerRefusal> {
        AnswerRules.check(
            AnswerRequest(
                target: Self.issue, status: status, text: text, office: office, reason: reason,
                solution: solution, dueDate: due), previous: previous)
    }

    func fields(_ result: Result<AnswerRules.Checked, AnswerRefusal>) -> [String: FieldError.Code] {
        guard case let .failure(refusal) = result else { return [:] }
        return Dictionary(refusal.errors.map { ($0.field, $0.code) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func cannotImplementWithoutReasonOrSolutionIsRefusedInBothLanguages() throws {
        let refused = check("cannot_implement", reason: nil, solution: nil)
        #expect(fields(refused) == ["reason": .missingRequired, "solution": .missingRequired])
        guard case let .failure(refusal) = refused else { Issue.record("accepted"); return }
        let reason = try #require(refusal.errors.first { $0.field == "reason" })
        #expect(reason.messageVI.contains("nguyên nhân") && reason.messageEN.contains("reason"))
        // Blank is no reason either; each missing half is named on its own.
        #expect(fields(check("cannot_implement", reason: "   ", solution: "Đề xuất UBND phường hỗ trợ")) == ["reason": .missingRequired])
        #expect(fields(check("cannot_implement", reason: "Chưa có kinh phí năm nay", solution: nil)) == ["solution": .missingRequired])
        let accepted = try check(
            "cannot_implement", reason: "Chưa có kinh phí năm nay",
            solution: "Đưa vào kế hoạch năm sau, trước mắt có bảo vệ đứng ở cổng"
        ).get()
        #expect(accepted.status == .cannotImplement && accepted.reason == "Chưa có kinh phí năm nay")
    }

    @Test func everyStatusButUnansweredNeedsText() throws {
        for status in AnswerStatus.allCases where status != .unanswered {
            #expect(fields(check(status.rawValue, text: " ", reason: "r", solution: "s"))["text"] == .missingRequired)
        }
        // Assigning to an office before anyone answers needs no text.
        let assigned = try check("unanswered", text: nil).get()
        #expect(assigned.status == .unanswered && assigned.text.isEmpty && !assigned.status.countsAsAnswered)
    }

    @Test func unknownOrMissingStatusIsRefused() {
        #expect(fields(check(nil)) == ["status": .missingRequired])
        #expect(fields(check("done")) == ["status": .unknownChoice])
    }

    @Test func officeIsRequiredOnceThenKept() throws {
        #expect(fields(check("answered", office: nil))["office"] == .missingRequired)
        let previous = AnswerVersion(
            id: "a", target: Self.issue, office: "Phòng Văn hoá quận", status: .underConsideration,
            text: "Đang xem xét", dueDate: "2025-07-01", draftedAt: "2025-06-01T00:00:00.000Z")
        let kept = try check("implemented", office: nil, previous: previous).get()
        #expect(kept.office == "Phòng Văn hoá quận" && kept.dueDate == "2025-07-01")
        let changed = try check("implemented", office: "UBND phường 1", due: "2025-08-01", previous: previous).get()
        #expect(changed.office == "UBND phường 1" && changed.dueDate == "2025-08-01")
    }

    @Test func dueDatesLimitsAndControlCharacters() {
        #expect(fields(check("answered", due: "31/12/2025")) == ["dueDate": .wrongType])
        #expect(fields(check("answered", due: "2025-02-30")) == ["dueDate": .wrongType])
        #expect(fields(check("answered", text: String(repeating: "a", count: AnswerRules.textLimit + 1))) == ["text": .tooLong])
        #expect(fields(check("answered", office: "Phòng\u{7}GD")) == ["office": .invalidText])
    }

    @Test func textIsStoredInNFC() throws {
        // "ơ" + combining acute, as some keyboards send it.
        let checked = try check("answered", text: "Tr\u{1A1}\u{301}i").get()
        #expect(checked.text == "Trới" && checked.text.unicodeScalars.count == 4)
    }
}
