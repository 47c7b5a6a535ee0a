import Foundation
import Hummingbird
import Reports
import Storage

/// `/staff/reports`: the official reports to hand over (followup, recommendations, yearly), for a
/// period of the campaign calendar or chosen days, as Word, Excel or a web page — the same files
/// as `tiengnoi report`. District staff (admin, responder, viewer); a school's coordinator has
/// their school's dashboard instead. Every download is audited.
struct ReportPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/reports"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/reports", use: page)
        group.get("staff/reports/file", use: file)
    }

    func requireDistrictStaff(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard staff.visibleSchool == nil else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Báo cáo của cả đơn vị dành cho cán bộ quận, huyện",
                           en: "the unit's reports are for district staff")
        }
        return staff
    }

    static let formats: [(ReportFormat, String)] = [(.docx, "Word (.docx)"), (.xlsx, "Excel (.xlsx)"), (.html, "Trang web (.html)")]

    func render(_ staff: StaffUser, _ context: AppRequestContext, chosen: PeriodQuery, kind: String = "", format: String = "",
                errors: [String: String] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Báo cáo",
                                     lead: "Các báo cáo để trình lãnh đạo và gửi cấp trên, cùng số liệu với bảng theo dõi.",
                                     assets: pages.assets.paths)
        page["kinds"] = ReportKind.allCases.map { ["code": $0.rawValue, "label": $0.labelVI, "selected": $0.rawValue == kind] }
        page["formats"] = Self.formats.map { ["code": $0.0.rawValue, "label": $0.1, "selected": $0.0.rawValue == format] }
        page["periods"] = chosen.choices(environment.targets.calendar).map { ["id": $0.id, "label": $0.label, "selected": $0.selected] }
        page["from"] = chosen.from
        page["to"] = chosen.to
        var all = chosen.errors
        for (key, value) in errors { all[key] = value }
        page["errors"] = all
        if !all.isEmpty { page["formError"] = "Chưa lập được báo cáo: xem các ô được đánh dấu bên dưới." }
        return pages.render("staff-reports", page, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireDistrictStaff(context)
        let chosen = PeriodQuery(request.uri.queryParameters, calendar: environment.targets.calendar)
        return render(staff, context, chosen: chosen, status: chosen.errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireDistrictStaff(context)
        let query = request.uri.queryParameters
        let chosen = PeriodQuery(query, calendar: environment.targets.calendar)
        var errors: [String: String] = [:]
        let kind = ReportKind(rawValue: query.get("kind") ?? "")
        if kind == nil { errors["kind"] = "Chọn một loại báo cáo." }
        let format = ReportFormat(rawValue: query.get("format") ?? "")
        if format == nil { errors["format"] = "Chọn định dạng tệp." }
        guard errors.isEmpty, chosen.errors.isEmpty, let kind, let format else {
            return render(staff, context, chosen: chosen, kind: query.get("kind") ?? "", format: query.get("format") ?? "",
                          errors: errors, status: .unprocessableContent)
        }
        try await environment.analysis.run()
        var reports = OfficialReports(database: environment.database, forms: environment.forms, targets: environment.targets)
        reports.eventKinds = environment.eventKinds
        let document = try await reports
            .document(kind, period: chosen.period ?? ReportPeriod(), periodLabel: chosen.label, unitName: "TiengNoi")
        let bytes = try document.data(format)
        try await environment.accounts.record(
            actor: staff.username, action: "export.report",
            detail: "\(kind.rawValue).\(format.rawValue) \(chosen.period.map { "\($0.from ?? "")..\($0.to ?? "")" } ?? "all")")
        let name = "bao-cao-\(kind.rawValue)\(chosen.chosenID.isEmpty ? "" : "-" + chosen.chosenID).\(format.rawValue)"
        // The HTML report too is a file to keep, print or mail (its styles are inline, which the
        // staff pages' Content-Security-Policy would not apply in the browser).
        let headers: HTTPFields = [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(name)\""]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
