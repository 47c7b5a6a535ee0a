import Foundation
import Hummingbird
import Storage

/// `/account/password`: every staff member changes their own password here. An account given a
/// one-time password (the first admin, a reset) is sent here by `StaffAuthMiddleware` until it
/// has chosen its own. Changing it ends the account's other sessions.
struct AccountPagesController {
    let accounts: any AccountRepository
    let database: AppDatabase
    let pages: HTMLPages

    static let path = "/account/password"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("account/password", use: page)
        group.post("account/password", use: change)
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, errors: [String: String] = [:],
                status: HTTPResponse.Status = .ok) -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Đổi mật khẩu", assets: pages.assets.paths)
        page["forced"] = staff.mustChangePassword
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Mật khẩu chưa được đổi: xem các ô được đánh dấu bên dưới." }
        return pages.render("staff-password", page, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        render(try context.requireStaff(), context)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let current = fields["current"] ?? "", new = fields["new"] ?? "", again = fields["again"] ?? ""
        var errors: [String: String] = [:]
        let row = try await accounts.account(username: staff.username)
        if row.map({ Passwords.verify(current, hash: $0.passwordHash) }) != true { errors["current"] = "Mật khẩu hiện tại không đúng." }
        if let problem = Passwords.problem(new) { errors["new"] = problem.vi + "." }
        if new == current && errors["new"] == nil { errors["new"] = "Mật khẩu mới phải khác mật khẩu hiện tại." }
        if again != new { errors["again"] = "Hai lần nhập mật khẩu mới không giống nhau." }
        guard errors.isEmpty else { return render(staff, context, errors: errors, status: .unprocessableContent) }
        try database.setPasswordHash(username: staff.username, Passwords.hash(new), actor: staff.username)
        // Every session of the account ended with the change; this browser signs in again at once.
        let session = try await accounts.startSession(userID: staff.id, lifetime: LoginController.sessionLifetime)
        let cookie = "\(StaffAuthMiddleware.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict; "
            + "Max-Age=\(Int(LoginController.sessionLifetime))"
            + (request.headers[.init("X-Forwarded-Proto")!] == "https" ? "; Secure" : "")
        let home = StaffPage.home(for: staff)
        return Response(status: .seeOther, headers: [.location: home, .setCookie: cookie])
    }
}
