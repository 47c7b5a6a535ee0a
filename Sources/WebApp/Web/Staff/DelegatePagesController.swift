import Events
import Foundation
import Hummingbird
import Storage

/// `/staff/events/{id}/delegates`: a forum's register (given name, school, age, gender, special
/// circumstances) and its check against the campaign's quota, rule by rule. Whoever may see the
/// event reads it (a coordinator: their own school's events); whoever may record events replaces
/// it from lines typed in the same columns as `tiengnoi events delegates FILE.csv`, read by the same
/// `DelegateRegister`. As that command does, a bad line stores nothing and a list that breaks the
/// quota is stored with every broken rule shown, to be completed later.
struct DelegatePagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/events/{id}/delegates", use: show)
        group.post("staff/events/{id}/delegates", use: change)
    }

    static let genders = ["nu": "Nữ", "nam": "Nam", "khac": "Khác"]

    /// The event, when this person may see it (404 otherwise, as on the event's page).
    func event(_ staff: StaffUser, _ context: AppRequestContext) async throws -> Event {
        try await environment.events.visible(id: context.parameters.get("id") ?? "", to: staff)
    }

    /// The register as lines to edit: a header, then one delegate a line.
    static func lines(_ delegates: [Delegate]) -> String {
        ([DelegateRegister.columns.joined(separator: ",")]
            + delegates.map { [$0.givenName, $0.school, String($0.age), $0.gender, $0.specialCircumstances ? "x" : ""].joined(separator: ",") })
            .joined(separator: "\n")
    }

    static func describe(_ quota: DelegateQuota) -> String {
        var rules: [String] = []
        if let count = quota.count { rules.append("đúng \(count) đại biểu") }
        rules.append("từ \(quota.minAge) đến \(quota.maxAge) tuổi")
        rules.append("cân bằng nữ và nam (chênh lệch tối đa \(Int((quota.genderTolerance * 100).rounded())) % danh sách)")
        if quota.minSpecialCircumstances > 0 { rules.append("ít nhất \(quota.minSpecialCircumstances) trẻ có hoàn cảnh đặc biệt") }
        return "Định mức: " + rules.joined(separator: ", ") + "."
    }

    /// `typed`: the lines as posted, kept on a refusal; `lineErrors` beside the text box.
    func render(_ staff: StaffUser, _ context: AppRequestContext, _ event: Event, typed: String? = nil,
                lineErrors: [(vi: String, en: String)] = [], notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let delegates = try await environment.events.delegates(event: event.id)
        let quota = try DelegateQuota.load(formsDirectory: environment.formsDirectory)
        let schools = Dictionary(try await environment.schools.allSchools().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let kind = environment.eventKinds.kind(event.kind)?.label ?? event.kind
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: EventPagesController.path,
                                     title: "Đại biểu — \(kind), \(VietnameseFormat.date(event.heldOn))",
                                     lead: "Tên đại biểu chỉ lưu ở đơn vị và được xoá theo thời hạn lưu trữ; báo cáo và số liệu gửi lên chỉ có số lượng.",
                                     assets: pages.assets.paths)
        page["eventURL"] = "/staff/events/\(event.id)"
        page["action"] = "/staff/events/\(event.id)/delegates"
        page["delegates"] = delegates.enumerated().map { number, delegate -> [String: Any] in
            ["number": number + 1, "name": delegate.givenName, "school": schools[delegate.school] ?? delegate.school, "age": delegate.age,
             "gender": Self.genders[delegate.gender] ?? delegate.gender, "special": delegate.specialCircumstances ? "Có" : ""]
        }
        page["count"] = delegates.count
        page["hasDelegates"] = !delegates.isEmpty
        page["quotaRules"] = Self.describe(quota)
        if !delegates.isEmpty {
            let problems = quota.problems(delegates)
            page["problems"] = problems.map { ["vi": $0.vi, "en": $0.en] }
            page["meetsQuota"] = problems.isEmpty
            page["hasProblems"] = !problems.isEmpty
        }
        page["mayChange"] = staff.mayRecordEvents
        page["lines"] = typed ?? Self.lines(delegates)
        page["lineErrors"] = lineErrors.map { ["vi": $0.vi, "en": $0.en] }
        page["hasLineErrors"] = !lineErrors.isEmpty
        if let notice { page["notice"] = notice }
        return pages.render("staff-delegates", page, status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        return try await render(staff, context, try await event(staff, context))
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let event = try await event(staff, context)
        try staff.requireMayRecordEvents()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let typed = fields["lines"] ?? ""
        let parsed: DelegateRegister.Parsed
        do {
            let table = try CSVTable.parse(typed)
            parsed = DelegateRegister.parse(header: table.header, rows: table.rows)
        } catch let error as CSVTableError {
            return try await render(staff, context, event, typed: typed, lineErrors: [(error.vi, error.en)], status: .unprocessableContent)
        }
        guard parsed.errors.isEmpty else {
            return try await render(staff, context, event, typed: typed, lineErrors: parsed.errors.map { ($0.vi, $0.en) },
                                    status: .unprocessableContent)
        }
        let problems = try DelegateQuota.load(formsDirectory: environment.formsDirectory).problems(parsed.delegates)
        if fields["action"] == "check" {
            return try await render(
                staff, context, event, typed: typed, lineErrors: problems,
                notice: problems.isEmpty ? "Danh sách vừa nhập đạt định mức (chưa lưu)." : "Danh sách vừa nhập chưa đạt định mức (chưa lưu).")
        }
        try await environment.events.setDelegates(event: event.id, parsed.delegates, actor: staff.username)
        return try await render(
            staff, context, event,
            notice: "Đã lưu \(parsed.delegates.count) đại biểu." + (problems.isEmpty ? "" : " Danh sách chưa đạt định mức: xem các điểm cần sửa bên dưới."))
    }
}
