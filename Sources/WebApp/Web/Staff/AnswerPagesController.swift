import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import Storage

/// The officers' work in the browser: the queue of what is to answer (`/staff/answers`), and a
/// page per issue or entry with the children's words, the answer form and the history of answer
/// versions. Admins and responders answer (a responder for their own office); viewers read.
struct AnswerPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/answers", use: queue)
        group.get("staff/answers/{kind}/{id}", use: show)
        group.post("staff/answers/{kind}/{id}", use: save)
        group.post("staff/issues/{id}/merge", use: merge)
        group.post("staff/issues/{id}/split", use: split)
    }

    func requireEditor(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try requireReader(context)
        try staff.requireMayAnswer()
        return staff
    }

    /// `into`: another issue takes this one's entries (children asking the same thing in other
    /// words; of another theme, they are counted under its theme); this issue then points to it.
    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireEditor(context)
        let id = context.parameters.get("id") ?? ""
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let into = fields["into"] ?? ""
        guard !into.isEmpty, into != id else {
            return try await render(staff, context, .issue(id), input: nil, errors: ["into": "Chọn vấn đề để gộp vào."], saved: nil,
                                    status: .unprocessableContent)
        }
        do {
            try await IssueEditing(database: environment.database).merge(into: into, from: [id])
        } catch let error as IssueEditing.EditError {
            return try await render(staff, context, .issue(id), input: nil, errors: ["into": error.vi + "."], saved: nil,
                                    status: .unprocessableContent)
        }
        try await environment.accounts.record(actor: staff.username, action: "issue.merge", detail: "\(id) into \(into)")
        return Response(status: .seeOther, headers: [.location: "/staff/answers/issue/\(into)?saved=merged"])
    }

    /// The ticked entries leave this issue for a new one of the same theme (they ask something else).
    @Sendable func split(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireEditor(context)
        let id = context.parameters.get("id") ?? ""
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let entries = fields.all("entry").map { $0.lowercased() }
        guard !entries.isEmpty else {
            return try await render(staff, context, .issue(id), input: nil, errors: ["entry": "Đánh dấu các ý kiến cần tách."], saved: nil,
                                    status: .unprocessableContent)
        }
        let created: String
        do {
            created = try await IssueEditing(database: environment.database).split(id, entries: entries)
        } catch let error as IssueEditing.EditError {
            return try await render(staff, context, .issue(id), input: nil, errors: ["entry": error.vi + "."], saved: nil,
                                    status: .unprocessableContent)
        }
        try await environment.accounts.record(actor: staff.username, action: "issue.split", detail: "\(id) → \(created): \(entries.count)")
        return Response(status: .seeOther, headers: [.location: "/staff/answers/issue/\(created)?saved=split"])
    }

    static let readers: [StaffRole] = [.admin, .responder, .viewer]
    /// Merge suggestions named on an issue's page. On both grouping sets an officer looking at three
    /// per issue mends more split requests than with one, and five add little (BENCHMARKS.md, issue 18).
    static let suggestionsShown = 3

    func requireReader(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard Self.readers.contains(staff.role) else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Trang này dành cho cán bộ quận, huyện và các cơ quan trả lời",
                           en: "this page is for district staff and the answering offices")
        }
        return staff
    }

    func themeLabel(_ code: String) -> String {
        for form in environment.forms.latestForms { if let theme = form.theme(code: code) { return theme.name.vi } }
        return code == "other" ? "Vấn đề khác" : code
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireReader(context)
        let query = request.uri.queryParameters
        var filter = AnswerBoard.Filter(limit: 500)
        filter.office = query.get("office").flatMap { $0.isEmpty ? nil : $0 }
        filter.status = query.get("status").flatMap(AnswerStatus.init(rawValue:))
        filter.school = query.get("school").flatMap { $0.isEmpty ? nil : School.canonicalCode($0) }
        filter.overdueOnly = query.get("overdue") == "true"
        let theme = query.get("theme").flatMap { $0.isEmpty ? nil : $0 }
        let items = try await environment.answers.items(filter).filter { theme == nil || $0.theme == theme }
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/staff/answers",
                                     title: staff.role == .viewer ? "Câu hỏi, kiến nghị của trẻ em" : "Cần trả lời",
                                     lead: "Câu hỏi và kiến nghị của các em, việc quá hạn trước, rồi theo hạn trả lời.",
                                     assets: pages.assets.paths)
        page["filter"] = ["office": filter.office ?? "", "overdue": filter.overdueOnly]
        page["themes"] = environment.forms.latestForms.flatMap(\.themes).map {
            ["code": $0.code, "label": $0.name.vi, "selected": $0.code == theme]
        }
        page["statuses"] = AnswerStatus.allCases.map { ["code": $0.rawValue, "label": $0.labelVI, "selected": $0 == filter.status] }
        page["schools"] = try await environment.schools.allSchools().map {
            ["code": $0.code, "name": $0.name, "selected": $0.code == filter.school]
        }
        page["count"] = items.count
        page["items"] = items.map { item -> [String: Any] in
            [
                "kind": item.target.kind, "id": item.target.id, "href": "/staff/answers/\(item.target.kind)/\(item.target.id)",
                "themeLabel": themeLabel(item.theme), "statusLabel": item.status.labelVI, "office": item.office ?? "",
                "wording": item.wording, "entries": item.entries, "schoolCount": item.schools.count,
                "due": AnswerSheetPage.date(item.dueDate), "overdue": item.overdue, "draft": item.draft != nil,
            ]
        }
        return pages.render("staff-answers", page)
    }

    /// The target of `/staff/answers/{kind}/{id}`, or 404.
    func target(_ context: AppRequestContext) throws -> AnswerTarget {
        guard let kind = context.parameters.get("kind"), let id = context.parameters.get("id"),
            let target = AnswerTarget(kind: kind, id: id.lowercased())
        else { throw APIError(.notFound, code: "not_found", vi: "Không có trang này", en: "no such page") }
        return target
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireReader(context)
        let target = try target(context)
        let saved: String? = switch request.uri.queryParameters.get("saved") {
        case "draft": "Đã lưu bản nháp. Các em chưa thấy câu trả lời cho đến khi công bố."
        case "publish": "Đã công bố câu trả lời: câu trả lời hiện trên bảng trả lời của trường và được gửi xuống đơn vị cấp dưới."
        case "merged": "Đã gộp: các ý kiến của vấn đề kia nay thuộc vấn đề này."
        case "split": "Đã tách các ý kiến được đánh dấu ra vấn đề mới này."
        default: nil
        }
        return try await render(staff, context, target, input: nil, errors: [:], saved: saved)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireEditor(context)
        let target = try target(context)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let draft = fields["action"] != "publish"
        let answer = AnswerRequest(
            target: target, status: fields["status"], text: fields["text"], office: fields["office"].flatMap { $0.isEmpty ? nil : $0 } ?? staff.office, reason: fields["reason"],
            solution: fields["solution"], dueDate: fields["dueDate"], draft: draft)
        do {
            _ = try await environment.answers.set(answer, by: AnswersController.author(staff))
        } catch let refusal as AnswerRefusal {
            var errors: [String: String] = [:]
            for error in refusal.errors where errors[error.field] == nil { errors[error.field] = error.messageVI }
            return try await render(staff, context, target, input: fields, errors: errors, saved: nil, status: .unprocessableContent)
        } catch let problem as AnswerProblem {
            // No such issue or entry (404), or one this account may not answer (403): an error page.
            throw APIError(problem)
        }
        return Response(status: .seeOther, headers: [.location: "/staff/answers/\(target.kind)/\(target.id)?saved=\(draft ? "draft" : "publish")"])
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, _ target: AnswerTarget, input: FormFields?,
                errors: [String: String], saved: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let item = try await environment.answers.item(target) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có câu hỏi hay kiến nghị này", en: "no such question or recommendation")
        }
        let history = try await environment.answers.history(of: target)
        let latest = item.draft ?? item.published
        // An issue's entries come least-like-the-rest first, marked: where a wrong member
        // usually is (MemberFit; issue 18), so an officer finds it without rereading every entry.
        let children: [IssueMember] = switch target {
        case let .issue(id): try await environment.database.reviewMembers(ofIssue: id, limit: 200)
        case let .entry(id):
            try await environment.database.submission(id: id).map { $0.safeguarding ? [] : [IssueMember(entry: $0)] } ?? []
        }
        let kindLabels = ["question": "Câu hỏi", "recommendation": "Kiến nghị, đề xuất", "opinion": "Ý kiến", "initiative": "Sáng kiến"]
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/staff/answers", title: "Trả lời cho các em",
                                     assets: pages.assets.paths)
        let chosen = input?["status"] ?? latest?.status.rawValue ?? AnswerStatus.answered.rawValue
        if let saved { page["saved"] = saved }
        page["themeLabel"] = themeLabel(item.theme)
        page["wording"] = item.wording
        page["entries"] = item.entries
        page["schools"] = item.schools.joined(separator: ", ")
        page["due"] = AnswerSheetPage.date(item.dueDate)
        page["overdue"] = item.overdue
        page["statusLabel"] = item.status.labelVI
        page["hasEntries"] = !children.isEmpty
        page["children"] = children.map { member -> [String: Any] in
            let entry = member.entry
            return [
                "id": entry.id, "text": entry.voice, "school": entry.schoolCode,
                "kind": kindLabels[entry.kind ?? ""] ?? (entry.kind ?? ""), "unlike": member.unlikeTheRest,
            ]
        }
        let unlike = children.filter(\.unlikeTheRest).count
        page["unlikeCount"] = unlike > 0 ? unlike : nil
        if case let .issue(id) = target, staff.mayAnswer {
            // Other issues where this one may be merged: those worded most like it first, of any
            // theme (the merge suggestions, issue 18), then the largest of its theme. Only open
            // issues formed here are offered. One of another theme says so: merging moves these
            // children's entries to that theme.
            let ranked = try await environment.database.mergeSuggestions(forIssue: id).map(\.id)
            let rank = Dictionary(ranked.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let others = try await environment.database.mergeTargets(forIssue: id, theme: item.theme, first: ranked, limit: 50)
            let suggested = others.prefix(Self.suggestionsShown).filter { rank[$0.id] != nil }
            /// The theme's name when it is not this issue's, else nil.
            func otherTheme(_ other: ReviewQueue.IssueRow) -> String? { other.theme == item.theme ? nil : themeLabel(other.theme) }
            page["suggestions"] = suggested.map { other -> [String: Any] in
                [
                    "id": other.id, "wording": String(other.representative.prefix(160)), "entries": other.entries,
                    "otherTheme": otherTheme(other) ?? "",
                ]
            }
            page["hasSuggestions"] = !suggested.isEmpty
            page["mergeTargets"] = others.map { other -> [String: Any] in
                let mark = rank[other.id].map { $0 < Self.suggestionsShown } == true ? "Gợi ý: " : ""
                let theme = otherTheme(other).map { " — chủ đề «\($0)»" } ?? ""
                return ["id": other.id, "label": "\(mark)\(String(other.representative.prefix(80))) (\(other.entries) ý kiến)\(theme)"]
            }
            page["hasMergeTargets"] = !others.isEmpty
            page["canSplit"] = children.count > 1
            page["issueID"] = id
        }
        page["canAnswer"] = staff.mayAnswer
        page["action"] = "/staff/answers/\(target.kind)/\(target.id)"
        page["statusOptions"] = AnswerStatus.allCases.map { ["code": $0.rawValue, "label": $0.labelVI, "selected": $0.rawValue == chosen] }
        page["input"] = [
            "text": input?["text"] ?? latest?.text ?? "", "office": input?["office"] ?? latest?.office ?? staff.office ?? "",
            "reason": input?["reason"] ?? latest?.reason ?? "", "solution": input?["solution"] ?? latest?.solution ?? "",
            "dueDate": input?["dueDate"] ?? item.dueDate,
        ]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Câu trả lời chưa lưu được: xem các ô được đánh dấu bên dưới." }
        page["history"] = history.map { version -> [String: Any] in
            [
                "statusLabel": version.status.labelVI, "office": version.office, "text": version.text,
                "reason": version.reason ?? "", "solution": version.solution ?? "", "draft": version.isDraft,
                "when": String((version.publishedAt ?? version.draftedAt).prefix(16)).replacingOccurrences(of: "T", with: " "),
            ]
        }
        return pages.render("staff-answer", page, status: status)
    }
}
