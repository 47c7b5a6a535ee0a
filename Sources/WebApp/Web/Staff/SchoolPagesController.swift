import Foundation
import Hummingbird
import Storage

/// `/staff/schools`: the admin's school registry. Upload the registry CSV (the same file and rules
/// as `tiengnoi schools import`: good rows added or updated, bad rows listed by number), edit one
/// school's name, ward, district and level, and deactivate a school that closed or merged: its
/// form stops taking entries and it is no longer counted among the schools expected to send, while
/// what it sent stays. Admins only; each change audited with the values before and after.
struct SchoolPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/schools"
    /// A district's registry is a few hundred rows.
    static let fileLimit = 512 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/schools", use: list)
        group.post("staff/schools", use: upload)
        group.get("staff/schools/{code}", use: edit)
        group.post("staff/schools/{code}", use: change)
    }

    static let levelLabels: [(SchoolLevel, String)] = [
        (.primary, "Tiểu học"), (.lowerSecondary, "Trung học cơ sở"), (.other, "Khác"),
    ]

    func requireAdmin(_ context: AppRequestContext) throws -> StaffUser {
        try context.requireAdmin(("quản lý danh sách trường", "manages the school registry"))
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, extra: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Danh sách trường",
                                     lead: "Các trường gửi ý kiến lên đơn vị này. Trường ngừng hoạt động không nhận ý kiến mới; ý kiến đã gửi vẫn giữ.",
                                     assets: pages.assets.paths)
        let labels = Dictionary(uniqueKeysWithValues: Self.levelLabels)
        page["schools"] = try await environment.schools.allSchools().map { school -> [String: Any] in
            ["code": school.code, "name": school.name, "ward": school.ward, "district": school.district,
             "level": labels[school.level] ?? "", "inactive": !school.active, "editURL": "\(Self.path)/\(school.code)"]
        }
        for (key, value) in extra { page[key] = value }
        return pages.render("staff-schools", page, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try requireAdmin(context), context)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        guard let data = try await Multipart.file(request, limit: Self.fileLimit + 64 * 1024) else {
            return try await render(staff, context, extra: ["errors": ["file": "Hãy chọn tệp CSV danh sách trường để tải lên."]],
                                    status: .unprocessableContent)
        }
        let report: SchoolRegistryImport.Report
        do {
            let table = try CSVTable.parse(try CSVTable.text(of: data, name: "tệp tải lên"))
            report = try SchoolRegistryImport.run(table: table, database: environment.database)
        } catch let error as CSVTableError {
            return try await render(staff, context, extra: ["errors": ["file": error.vi]], status: .unprocessableContent)
        }
        environment.intake.schools.reload()
        try await environment.accounts.record(
            actor: staff.username, action: "school.import",
            detail: "inserted=\(report.inserted) updated=\(report.updated) refused=\(report.errors.count)")
        return try await render(staff, context, extra: [
            "report": ["inserted": report.inserted, "updated": report.updated],
            "hasRowErrors": !report.errors.isEmpty, "rowErrors": report.errors,
        ], status: report.errors.isEmpty ? .ok : .unprocessableContent)
    }

    func school(_ context: AppRequestContext) async throws -> School {
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        guard let school = try await environment.schools.school(code: code) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có trường «\(code)»", en: "no school «\(code)»")
        }
        return school
    }

    func renderEdit(_ staff: StaffUser, _ context: AppRequestContext, _ school: School, input: FormFields? = nil,
                    errors: [String: String] = [:], notice: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Trường \(school.name)",
                                     lead: "Mã trường \(school.code) không đổi: ý kiến, đường dẫn và tài khoản đều gắn với mã này.",
                                     assets: pages.assets.paths)
        let level = input?["level"] ?? school.level.rawValue
        page["levels"] = Self.levelLabels.map { ["code": $0.0.rawValue, "label": $0.1, "selected": $0.0.rawValue == level] }
        page["input"] = ["name": input?["name"] ?? school.name, "ward": input?["ward"] ?? school.ward,
                         "district": input?["district"] ?? school.district]
        page["school"] = ["code": school.code, "inactive": !school.active, "action": "\(Self.path)/\(school.code)"]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa lưu được: xem các ô được đánh dấu bên dưới." }
        if let notice { page["notice"] = notice }
        return pages.render("staff-school", page, status: status)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        return renderEdit(staff, context, try await school(context))
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        var school = try await school(context)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        switch fields["action"] {
        case "save":
            var errors: [String: String] = [:]
            func text(_ name: String) -> String {
                (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            }
            for (name, label) in [("name", "Tên trường"), ("ward", "Phường, xã"), ("district", "Quận, huyện")] where text(name).isEmpty {
                errors[name] = "\(label) không được để trống."
            }
            for name in ["name", "ward", "district"] where text(name).count > 200 { errors[name] = "Dài quá 200 ký tự." }
            let level = SchoolLevel(rawValue: fields["level"] ?? "")
            if level == nil { errors["level"] = "Chọn cấp học." }
            guard errors.isEmpty, let level else {
                return renderEdit(staff, context, school, input: fields, errors: errors, status: .unprocessableContent)
            }
            school.name = text("name")
            school.ward = text("ward")
            school.district = text("district")
            school.level = level
            try await environment.schools.editSchool(school, actor: staff.username)
            return renderEdit(staff, context, try await self.school(context), notice: "Đã lưu thông tin trường.")
        case "deactivate", "activate":
            let active = fields["action"] == "activate"
            try await environment.schools.setActive(school: school.code, active, actor: staff.username)
            environment.intake.schools.reload()
            return renderEdit(staff, context, try await self.school(context),
                              notice: active ? "Trường đã nhận ý kiến trở lại." : "Trường đã ngừng nhận ý kiến mới; ý kiến đã gửi vẫn được giữ và tính.")
        default:
            throw APIError(.badRequest, code: "invalid_action", vi: "Thao tác phải là save, deactivate hoặc activate",
                           en: "the action must be save, deactivate or activate")
        }
    }
}
