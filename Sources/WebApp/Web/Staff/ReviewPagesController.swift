import Analysis
import Foundation
import Hummingbird
import Storage

/// `/staff/review`: the entries whose theme needs a person — the model unsure, or a child's choice
/// the model firmly disagrees with — each with one-click buttons (the child's theme, the model's) and
/// a list of the others. A correction moves the entry's count, files it under the right theme and
/// teaches the classifier (`IssueEditing.correctTheme`, as `tiengnoi review set` does). Admins and
/// responders correct; viewers read. Held entries are never in the queue.
struct ReviewPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/review"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/review", use: list)
        group.post("staff/review/{entry}", use: correct)
    }

    func requireDistrict(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard staff.visibleSchool == nil else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Việc xem lại chủ đề do cán bộ quận, huyện làm",
                           en: "theme review is done by district staff")
        }
        return staff
    }

    var themes: [(code: String, label: String)] {
        (environment.forms.latestForms.first?.themes ?? []).map { ($0.code, $0.name.vi) } + [("other", "Vấn đề khác")]
    }

    func label(_ code: String) -> String { themes.first { $0.code == code }?.label ?? code }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireDistrict(context)
        return try await render(staff, context, notice: request.uri.queryParameters.get("saved").map { _ in "Đã ghi chủ đề." })
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, notice: String? = nil, error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        // Entries sent since the last background pass are analysed first, so they can be reviewed now.
        try await environment.analysis.run()
        let items = try ReviewQueue.items(environment.database, limit: 100)
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Xem lại chủ đề",
                                     lead: "Ý kiến máy chưa chắc chủ đề, hoặc máy đoán khác hẳn chủ đề em chọn. Mỗi lần sửa giúp máy phân loại tốt hơn.",
                                     assets: pages.assets.paths)
        if let notice { page["notice"] = notice }
        if let error { page["formError"] = error }
        page["count"] = items.count
        page["items"] = items.map { item -> [String: Any] in
            let why = item.source == "child"
                ? "Em chọn «\(label(item.theme))», máy đoán «\(label(item.predicted))» (\(Int(item.confidence * 100)) %)"
                : "Máy chưa chắc: «\(label(item.predicted))» (\(Int(item.confidence * 100)) %)"
            var choices = [(item.theme, item.source == "child" ? "Giữ chủ đề em chọn" : "Giữ «\(label(item.theme))»")]
            if item.predicted != item.theme { choices.append((item.predicted, "Theo máy: «\(label(item.predicted))»")) }
            return [
                "id": item.submission, "school": item.school, "text": item.text, "why": why, "canCorrect": staff.mayAnswer,
                "action": "\(Self.path)/\(item.submission)",
                "quick": choices.map { ["code": $0.0, "label": $0.1] },
                "others": themes.filter { $0.code != item.theme && $0.code != item.predicted }.map { ["code": $0.code, "label": $0.label] },
            ]
        }
        return pages.render("staff-review", page, status: status)
    }

    @Sendable func correct(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireDistrict(context)
        try staff.requireMayAnswer()
        let entry = (context.parameters.get("entry") ?? "").lowercased()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let theme = fields["theme"] ?? ""
        guard themes.contains(where: { $0.code == theme }) else {
            return try await render(staff, context, error: "Hãy chọn một chủ đề trong danh sách.", status: .unprocessableContent)
        }
        guard let held = try await environment.database.submission(id: entry)?.safeguarding, !held else {
            throw APIError(.notFound, code: "not_found", vi: "Không có ý kiến này trong danh sách xem lại", en: "no such entry to review")
        }
        do {
            try await IssueEditing(database: environment.database).correctTheme(submission: entry, to: theme)
        } catch let error as IssueEditing.EditError {
            throw APIError(.notFound, code: "not_found", vi: error.vi, en: error.en)
        }
        try await environment.accounts.record(actor: staff.username, action: "theme.correct", detail: "\(entry) \(theme)")
        return Response(status: .seeOther, headers: [.location: "\(Self.path)?saved=1"])
    }
}
