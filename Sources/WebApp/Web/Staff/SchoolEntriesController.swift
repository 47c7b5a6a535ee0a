import Analysis
import Foundation
import Hummingbird
import Storage

/// `/schools/{code}/entries`: a school's entries with the children's words, filtered by kind,
/// theme and date. A coordinator opens only their own school's; district staff any. Held entries
/// are never listed here, not even for the safeguarding officer (they read them on the case pages).
struct SchoolEntriesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("schools/{code}/entries", use: list)
    }

    static let kindLabels = [
        "question": "Câu hỏi", "opinion": "Ý kiến", "recommendation": "Kiến nghị, đề xuất",
        "initiative": "Sáng kiến", "message": "Thông điệp",
    ]

    static func day(_ text: String?) -> String? {
        guard let text, text.count == 10, text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
        return text
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        guard let school = try await environment.schools.school(code: code) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có trường «\(code)»", en: "no school «\(code)»")
        }
        let query = request.uri.queryParameters
        let kind = query.get("kind").flatMap { Self.kindLabels[$0] == nil ? nil : $0 }
        let themes = environment.forms.latestForms.first?.themes ?? []
        let theme = query.get("theme").flatMap { code in themes.contains { $0.code == code } || code == "other" ? code : nil }
        let from = Self.day(query.get("from")), to = Self.day(query.get("to"))
        // A blank date box sends an empty value, which means "no limit"; anything else must be a date.
        var errors: [String: String] = [:]
        for (name, value, parsed) in [("from", query.get("from"), from), ("to", query.get("to"), to)]
        where parsed == nil && !(value ?? "").isEmpty {
            errors[name] = "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-05-15."
        }
        let (entries, total) = try await environment.database.schoolEntries(
            school: code, kind: kind, theme: theme, fromDay: from, toDay: to, limit: 300)
        let themeNames = Dictionary(themes.map { ($0.code, $0.name.vi) }, uniquingKeysWith: { a, _ in a })
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/schools/\(code)/entries",
                                     title: "Ý kiến của các em — \(school.name)",
                                     lead: "Lời các em viết, mới nhất trước. Ý kiến được chuyển riêng tới cán bộ bảo vệ trẻ em không hiện ở đây.",
                                     assets: pages.assets.paths)
        page["action"] = "/schools/\(code)/entries"
        page["kinds"] = Self.kindLabels.sorted { $0.key < $1.key }.map { ["code": $0.key, "label": $0.value, "selected": $0.key == kind] }
        page["themes"] = themes.map { ["code": $0.code, "label": $0.name.vi, "selected": $0.code == theme] }
        page["from"] = query.get("from") ?? ""
        page["to"] = query.get("to") ?? ""
        page["errors"] = errors
        page["total"] = total
        page["shown"] = entries.count
        page["more"] = total > entries.count
        page["entries"] = entries.map { item -> [String: Any] in
            [
                "text": item.entry.voice, "kind": Self.kindLabels[item.entry.kind ?? ""] ?? "",
                "theme": item.theme.flatMap { themeNames[$0] } ?? (item.theme == nil ? "chưa phân loại" : "Vấn đề khác"),
                "grade": item.entry.grade.map { "lớp \($0)" } ?? "", "participants": item.entry.participants > 1 ? item.entry.participants as Any : false,
                "received": CasePagesController.when(item.entry.receivedAt),
                "source": item.entry.source == "import" ? "phiếu giấy" : "",
            ]
        }
        return pages.render("staff-entries", page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
