import Events
import Foundation
import Storage

/// What every staff page shares: the signed-in person, the CSRF token for its forms, and a
/// navigation that shows only what that person's role may open (docs/security.md).
struct StaffPage {
    struct Link {
        var href: String
        var label: String
        var current: Bool
    }

    /// Where a person's work starts: the school's page for a coordinator, the dashboard otherwise.
    static func home(for staff: StaffUser) -> String {
        staff.visibleSchool.map { "/schools/\($0)/dashboard" } ?? "/dashboard"
    }

    /// The pages a role may open, in the order the navigation lists them.
    static func links(for staff: StaffUser, current path: String) -> [Link] {
        var links: [(String, String)] = []
        if staff.visibleSchool == nil {
            links.append(("/dashboard", "Bảng theo dõi"))
            links.append(("/staff/answers", staff.role == .viewer ? "Câu hỏi, kiến nghị" : "Cần trả lời"))
            links.append((ReviewPagesController.path, "Xem lại chủ đề"))
            links.append((BelowPagesController.path, "Đơn vị cấp dưới"))
            links.append((ReportPagesController.path, "Báo cáo"))
        }
        if let school = staff.visibleSchool {
            links.append(("/schools/\(school)/dashboard", "Bảng theo dõi của trường"))
            links.append(("/schools/\(school)/answers", "Bảng trả lời của trường"))
            links.append(("/schools/\(school)/entries", "Ý kiến của trường"))
            links.append(("/schools/\(school)/import", "Nhập phiếu giấy"))
            links.append(("/schools/\(school)/poster", "Áp phích, mã QR"))
        }
        links.append((EventPagesController.path, "Hoạt động, diễn đàn"))
        if staff.safeguarding { links.append(("/staff/cases", "Bảo vệ trẻ em")) }
        if staff.role == .admin {
            links.append((UserPagesController.path, "Tài khoản cán bộ"))
            links.append((SchoolPagesController.path, "Danh sách trường"))
            links.append((SenderPagesController.path, "Đơn vị gửi lên"))
            links.append((FormPagesController.path, "Biểu mẫu"))
        }
        links.append(("/account/password", "Đổi mật khẩu"))
        return links.map { Link(href: $0.0, label: $0.1, current: path == $0.0 || path.hasPrefix($0.0 + "/")) }
    }

    /// The base context of a staff page; the page adds its own keys.
    static func context(_ staff: StaffUser, csrf: String?, path: String, title: String, lead: String? = nil,
                        assets: AssetPaths) -> [String: Any] {
        var page: [String: Any] = [
            "pageTitle": title, "staffName": staff.username, "csrf": csrf ?? "", "assets": assets,
            "nav": links(for: staff, current: path).map { ["href": $0.href, "label": $0.label, "current": $0.current] },
        ]
        // Only when there is one: mustache renders an absent Optional as the word "nil".
        if let lead { page["pageLead"] = lead }
        return page
    }

    /// The school a page of `/schools/{code}/…` is about, for its coordinator or an admin (the pages
    /// that change something at a school: paper import, the form poster); 403 for other roles and
    /// other schools, 404 for an unknown code.
    static func schoolForItsStaff(_ context: AppRequestContext, schools: any SchoolRepository, what: (vi: String, en: String))
        async throws -> (StaffUser, School)
    {
        let staff = try context.requireStaff()
        guard staff.role == .admin || staff.role == .coordinator else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Chỉ người phụ trách Đội của trường và quản trị viên \(what.vi)",
                           en: "only the school's coordinator and admins \(what.en)")
        }
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        guard let school = try await schools.school(code: code) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có trường «\(code)»", en: "no school «\(code)»")
        }
        return (staff, school)
    }
}

extension AppRequestContext {
    /// The signed-in admin, or 403 saying what only an admin does (`what`: «quản lý tài khoản»,
    /// "manages accounts").
    func requireAdmin(_ what: (vi: String, en: String)) throws -> StaffUser {
        let staff = try requireStaff()
        guard staff.role == .admin else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Chỉ quản trị viên \(what.vi)", en: "only an admin \(what.en)")
        }
        return staff
    }
}

extension StaffUser {
    /// Who changes answers and issues (answer, merge, split, correct a theme): admins and the
    /// answering offices. Viewers and safeguarding officers read the same pages without the forms.
    var mayAnswer: Bool { role == .admin || role == .responder }

    /// Who records events: a school's coordinator (for their school) and admins.
    var mayRecordEvents: Bool { role == .admin || role == .coordinator }

    func requireMayRecordEvents() throws {
        guard mayRecordEvents else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Chỉ người phụ trách Đội của trường và quản trị viên ghi hoạt động",
                           en: "only the school's coordinator and admins record events")
        }
    }

    /// 403 for an account that may only read.
    func requireMayAnswer() throws {
        guard mayAnswer else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Tài khoản của bạn chỉ được xem", en: "your account may read only")
        }
    }
}

extension EventStore {
    /// One event if this staff member may see it (a coordinator: their school's); 404 otherwise,
    /// so another school's event is not even confirmed to exist.
    func visible(id: String, to staff: StaffUser) async throws -> Event {
        guard let event = try await event(id: id, unit: staff.visibleSchool) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có hoạt động này", en: "no such event")
        }
        return event
    }
}
