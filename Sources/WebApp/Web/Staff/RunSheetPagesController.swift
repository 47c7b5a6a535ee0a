import Answers
import Events
import Foundation
import Hummingbird
import Storage

/// `/staff/events/{id}/run-sheet`: a dialogue's questions per leader's office, in order, to print
/// for each leader (`?office=`) with room to note the answer given on the day. Officers (admins,
/// responders) shortlist the questions and note the answers; a noted answer becomes a draft answer
/// to the issue, published after review on the issue's page. District staff read it.
struct RunSheetPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/events/{id}/run-sheet", use: show)
        group.post("staff/events/{id}/run-sheet", use: change)
    }

    func event(_ context: AppRequestContext) async throws -> (StaffUser, Event) {
        let staff = try context.requireStaff()
        guard staff.visibleSchool == nil else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Bảng câu hỏi đối thoại dành cho cán bộ quận, huyện",
                           en: "the dialogue run sheet is for district staff")
        }
        guard let event = try await environment.events.event(id: context.parameters.get("id") ?? "") else {
            throw APIError(.notFound, code: "not_found", vi: "Không có hoạt động này", en: "no such event")
        }
        return (staff, event)
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, _ event: Event, office: String?, notice: String? = nil,
                errors: [String: String] = [:], shortlistText: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let lines = try await environment.events.runSheet(event: event.id, office: office)
        let offices = try await environment.events.offices(event: event.id)
        let path = "/staff/events/\(event.id)/run-sheet"
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: EventPagesController.path,
                                     title: office.map { "Câu hỏi gửi \($0)" } ?? "Bảng câu hỏi đối thoại",
                                     lead: "\(VietnameseFormat.date(event.heldOn)) · \(event.place)", assets: pages.assets.paths)
        page["action"] = path
        page["eventURL"] = "/staff/events/\(event.id)"
        page["offices"] = offices.map { ["name": $0, "href": "\(path)?office=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)",
                                         "current": $0 == office] }
        page["lines"] = lines.enumerated().map { index, line -> [String: Any] in
            var item: [String: Any] = ["number": index + 1, "issue": line.issue, "wording": line.wording, "office": line.office]
            if let given = line.answerGiven, !given.isEmpty { item["answerGiven"] = given }
            return item
        }
        page["hasLines"] = !lines.isEmpty
        page["mayChange"] = staff.mayAnswer
        page["shortlistText"] = shortlistText ?? (office == nil ? lines.map { "\($0.issue) | \($0.office)" }.joined(separator: "\n") : "")
        page["showShortlist"] = office == nil && staff.mayAnswer
        page["errors"] = errors
        if let notice { page["notice"] = notice }
        return pages.render("staff-run-sheet", page, status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, event) = try await event(context)
        let office = request.uri.queryParameters.get("office").flatMap { $0.isEmpty ? nil : $0 }
        return try await render(staff, context, event, office: office)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, event) = try await event(context)
        try staff.requireMayAnswer()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        switch fields["action"] {
        case "shortlist":
            let text = fields["lines"] ?? ""
            var lines: [(issue: String, office: String)] = []
            for row in text.split(whereSeparator: \.isNewline) {
                let parts = row.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let issue = parts.first, !issue.isEmpty else { continue }
                guard parts.count == 2, !parts[1].isEmpty else {
                    return try await render(staff, context, event, office: nil, errors: ["lines": "Mỗi dòng: mã vấn đề | cơ quan trả lời (dòng «\(row)»)."],
                                            shortlistText: text, status: .unprocessableContent)
                }
                lines.append((issue, parts[1].precomposedStringWithCanonicalMapping))
            }
            let unknown = try await environment.events.shortlist(event: event.id, lines, actor: staff.username)
            guard unknown.isEmpty else {
                return try await render(staff, context, event, office: nil, errors: ["lines": "Không có vấn đề: \(unknown.joined(separator: ", "))."],
                                        shortlistText: text, status: .unprocessableContent)
            }
            return try await render(staff, context, event, office: nil, notice: "Đã lưu \(lines.count) câu hỏi.")
        case "answer":
            let issue = fields["issue"] ?? ""
            let text = (fields["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            let office = fields["office"]
            guard !text.isEmpty else {
                return try await render(staff, context, event, office: office, errors: ["text-\(issue)": "Ghi câu trả lời lãnh đạo đã nói."],
                                        status: .unprocessableContent)
            }
            guard try await environment.events.noteAnswer(event: event.id, issue: issue, text: text, actor: staff.username) else {
                throw APIError(.notFound, code: "not_found", vi: "Vấn đề này không có trong bảng câu hỏi", en: "that issue is not on the run sheet")
            }
            // The words said on the day, as a draft to review and publish on the issue's page.
            _ = try await environment.answers.set(
                AnswerRequest(target: .issue(issue), status: AnswerStatus.answered.rawValue, text: text, office: office, draft: true),
                by: AnswerAuthor(name: staff.username, mayAnswerHeld: staff.safeguarding, office: staff.role == .responder ? staff.office : nil))
            return try await render(staff, context, event, office: office,
                                    notice: "Đã ghi câu trả lời; bản nháp chờ duyệt ở trang vấn đề trước khi công bố.")
        default:
            throw APIError(.badRequest, code: "invalid_action", vi: "Thao tác phải là shortlist hoặc answer", en: "the action must be shortlist or answer")
        }
    }
}
