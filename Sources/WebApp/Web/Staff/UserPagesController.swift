import Foundation
import Hummingbird
import Storage

/// `/staff/users`: the admin's list of accounts, adding one (it gets a one-time password, shown
/// once, to be changed at its first sign-in), a password reset (a new one-time password; the
/// account's sessions end) and disabling (sessions and tokens end at once). `/staff/users/{name}`
/// changes one account's role, school or office and safeguarding permission, and ends all its
/// sessions and tokens. Admins only; every change is audited under the admin's name, with the
/// values before and after. The CLI (`tiengnoi users …`) does the same.
struct UserPagesController {
    let administration: any AccountAdministration
    let schools: any SchoolRepository
    let pages: HTMLPages

    static let path = "/staff/users"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/users", use: list)
        group.post("staff/users", use: add)
        group.get("staff/users/{username}", use: edit)
        group.post("staff/users/{username}", use: change)
    }

    func requireAdmin(_ context: AppRequestContext) throws -> StaffUser {
        try context.requireAdmin(("quản lý tài khoản", "manages accounts"))
    }

    static let roleLabels: [(StaffRole, String)] = [
        (.coordinator, "Phụ trách Đội của một trường"), (.responder, "Cơ quan trả lời"),
        (.viewer, "Xem bảng theo dõi"), (.admin, "Quản trị"),
    ]

    /// Letters, digits, dot, dash and underscore: a name typed on a phone keyboard without surprises.
    static func usernameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
        if !(3...40).contains(name.count) { return "Tên đăng nhập cần từ 3 đến 40 ký tự." }
        if !name.allSatisfy(allowed.contains) { return "Chỉ dùng chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới." }
        return nil
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, input: FormFields? = nil, errors: [String: String] = [:],
                issued: (username: String, password: String)? = nil, notice: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Tài khoản cán bộ",
                                     lead: "Thêm người, đặt lại mật khẩu, khoá tài khoản. Mỗi thay đổi đều được ghi lại.",
                                     assets: pages.assets.paths)
        let chosenRole = input?["role"] ?? StaffRole.coordinator.rawValue
        page["roles"] = Self.roleLabels.map { ["code": $0.0.rawValue, "label": $0.1, "selected": $0.0.rawValue == chosenRole] }
        let chosenSchool = input?["school"] ?? ""
        page["schools"] = try await schools.allSchools().map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosenSchool] }
        page["input"] = ["username": input?["username"] ?? "", "office": input?["office"] ?? "",
                         "safeguarding": input?["safeguarding"] == "on"]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa thêm được tài khoản: xem các ô được đánh dấu bên dưới." }
        if let issued { page["issued"] = ["username": issued.username, "password": issued.password] }
        if let notice { page["notice"] = notice }
        let labels = Dictionary(uniqueKeysWithValues: Self.roleLabels.map { ($0.0, $0.1) })
        page["users"] = try await administration.accounts().map { row -> [String: Any] in
            let user = row.user
            return [
                "username": user.username, "roleLabel": labels[user.role] ?? user.role.rawValue,
                "scope": user.school ?? user.office ?? "", "safeguarding": user.safeguarding, "disabled": row.disabled,
                "mustChange": user.mustChangePassword, "isSelf": user.username == staff.username,
                "editURL": "\(Self.path)/\(user.username)",
            ]
        }
        return pages.render("staff-users", page, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try requireAdmin(context), context)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let username = (fields["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let (change, scopeErrors) = Self.scope(fields)
        var errors = scopeErrors
        if let problem = Self.usernameProblem(username) { errors["username"] = problem }
        guard errors.isEmpty, let change else {
            return try await render(staff, context, input: fields, errors: errors, status: .unprocessableContent)
        }
        let password = OneTimePassword.make()
        do {
            _ = try await administration.addAccount(
                username: username, passwordHash: Passwords.hash(password), role: change.role,
                school: change.school, office: change.office,
                safeguarding: change.safeguarding, mustChangePassword: true, actor: staff.username)
        } catch let error as AccountError {
            return try await render(staff, context, input: fields, errors: ["username": error.vi + "."], status: .unprocessableContent)
        }
        return try await render(staff, context, issued: (username, password), status: .created)
    }

    func account(_ username: String) async throws -> AppDatabase.UserRow {
        guard let row = try await administration.accounts().first(where: { $0.user.username == username }) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có tài khoản \(username)", en: "no user \(username)")
        }
        return row
    }

    /// One account's page: its role and scope to change, and its sessions and tokens to end.
    func renderEdit(_ staff: StaffUser, _ context: AppRequestContext, _ row: AppDatabase.UserRow, input: FormFields? = nil,
                    errors: [String: String] = [:], notice: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let user = row.user
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Tài khoản \(user.username)",
                                     lead: "Đổi vai trò, trường hoặc cơ quan, quyền bảo vệ trẻ em; chấm dứt mọi phiên đăng nhập và mã API.",
                                     assets: pages.assets.paths)
        let chosenRole = input?["role"] ?? user.role.rawValue
        page["roles"] = Self.roleLabels.map { ["code": $0.0.rawValue, "label": $0.1, "selected": $0.0.rawValue == chosenRole] }
        let chosenSchool = input?["school"] ?? user.school ?? ""
        page["schools"] = try await schools.allSchools().map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosenSchool] }
        let safeguarding = input.map { $0["safeguarding"] == "on" } ?? user.safeguarding
        page["input"] = ["username": user.username, "office": input?["office"] ?? user.office ?? "", "safeguarding": safeguarding]
        page["account"] = ["username": user.username, "disabled": row.disabled, "isSelf": user.username == staff.username,
                           "action": "\(Self.path)/\(user.username)"]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa lưu được: xem các ô được đánh dấu bên dưới." }
        if let notice { page["notice"] = notice }
        return pages.render("staff-user", page, status: status)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        return try await renderEdit(staff, context, try await account(context.parameters.get("username") ?? ""))
    }

    /// The role and scope as typed, or the field errors to show beside them.
    static func scope(_ fields: FormFields) -> (AppDatabase.AccountChange?, [String: String]) {
        var errors: [String: String] = [:]
        let role = StaffRole(rawValue: fields["role"] ?? "")
        if role == nil { errors["role"] = "Chọn một vai trò." }
        let school = (fields["school"] ?? "").isEmpty ? nil : fields["school"]
        let office = (fields["office"] ?? "").trimmingCharacters(in: .whitespaces)
        if role == .coordinator && school == nil { errors["school"] = "Người phụ trách Đội cần chọn trường của mình." }
        if role == .responder && office.isEmpty { errors["office"] = "Cơ quan trả lời cần tên cơ quan, ví dụ «Phòng GD&ĐT quận»." }
        guard errors.isEmpty, let role else { return (nil, errors) }
        return (.init(role: role, school: role == .coordinator ? school : nil, office: office.isEmpty ? nil : office,
                      safeguarding: fields["safeguarding"] == "on"), [:])
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        let username = context.parameters.get("username") ?? ""
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        // Their own account is changed on /account/password: an admin cannot lock themselves out here.
        guard username != staff.username else {
            throw APIError(.badRequest, code: "own_account", vi: "Tài khoản của chính bạn được đổi ở trang «Đổi mật khẩu»",
                           en: "change your own account on /account/password")
        }
        do {
            switch fields["action"] {
            case "update":
                let row = try await account(username)
                let (change, errors) = Self.scope(fields)
                guard let change else {
                    return try await renderEdit(staff, context, row, input: fields, errors: errors, status: .unprocessableContent)
                }
                try await administration.changeAccount(username: username, to: change, actor: staff.username)
                return try await renderEdit(staff, context, try await account(username),
                                            notice: "Đã lưu tài khoản \(username). Nếu vai trò hay quyền thay đổi, người dùng đăng nhập lại.")
            case "revoke":
                let ended = try await administration.revokeAccess(username: username, actor: staff.username)
                return try await renderEdit(staff, context, try await account(username),
                                            notice: "Đã chấm dứt \(ended.sessions) phiên đăng nhập và \(ended.tokens) mã API của \(username).")
            case "reset":
                let password = OneTimePassword.make()
                try await administration.setPassword(username: username, hash: Passwords.hash(password), mustChange: true,
                                                     actor: staff.username)
                return try await render(staff, context, issued: (username, password))
            case "disable":
                try await administration.setDisabled(username: username, true, actor: staff.username)
                return try await render(staff, context, notice: "Đã khoá tài khoản \(username); các phiên và mã API của tài khoản đã hết hiệu lực.")
            case "enable":
                try await administration.setDisabled(username: username, false, actor: staff.username)
                return try await render(staff, context, notice: "Đã mở lại tài khoản \(username).")
            default:
                throw APIError(.badRequest, code: "invalid_action", vi: "Thao tác phải là update, revoke, reset, disable hoặc enable",
                               en: "the action must be update, revoke, reset, disable or enable")
            }
        } catch let error as AccountError {
            throw APIError(.notFound, code: "not_found", vi: error.vi, en: error.en)
        }
    }
}
