import Foundation
import Hummingbird
import Storage

/// `/login` and `/logout` for staff. The session cookie is HttpOnly and SameSite=Strict, and Secure
/// whenever the server is reached over TLS (directly configured, or a proxy says X-Forwarded-Proto: https).
struct LoginController {
    let database: AppDatabase
    let secureCookies: Bool
    let limiter = RateLimiter(capacity: 10, perMinute: 10)
    static let sessionLifetime: TimeInterval = 12 * 3600

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("login", use: page)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.html(Self.form(next: request.uri.queryParameters.get("next") ?? "/dashboard", error: nil))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = limiter.check(address) { throw RateLimiter.tooMany(retryAfter: wait) }
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let username = fields["username"] ?? ""
        let next = Self.safeNext(fields["next"])
        let row = try database.user(username: username)
        // Compare against a decoy hash for unknown names, so timing does not tell which names exist.
        let valid = Passwords.verify(fields["password"] ?? "", hash: row?.passwordHash ?? Passwords.decoy)
        guard let row, valid, !row.disabled else {
            try await database.audit(actor: username, action: "login.failed", detail: address)
            return Self.html(Self.form(next: next, error: "Tên đăng nhập hoặc mật khẩu không đúng."), status: .unauthorized)
        }
        let session = try await database.startSession(userID: row.user.id, lifetime: Self.sessionLifetime)
        try await database.audit(actor: username, action: "login", detail: address)
        let secure = secureCookies || request.headers[.init("X-Forwarded-Proto")!] == "https"
        let cookie = "\(StaffAuthMiddleware.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict; "
            + "Max-Age=\(Int(Self.sessionLifetime))" + (secure ? "; Secure" : "")
        return Response(status: .seeOther, headers: [.location: next, .setCookie: cookie])
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = StaffAuthMiddleware.cookie(StaffAuthMiddleware.cookieName, in: request) {
            try await database.endSession(token: token)
        }
        return Response(status: .seeOther, headers: [
            .location: "/login", .setCookie: "\(StaffAuthMiddleware.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
        ])
    }

    /// Only a path on this server: a login link must not send staff elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return "/dashboard" }
        return next
    }

    static func form(next: String, error: String?) -> String {
        """
        <!doctype html><html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>Đăng nhập — TiengNoi</title>
        <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;font-size:1.1rem}
        label{display:block;margin-top:1rem}input{width:100%;padding:.6rem;font-size:1.1rem;box-sizing:border-box}
        button{margin-top:1.5rem;padding:.7rem 1.5rem;font-size:1.1rem}.error{color:#b00020}</style></head>
        <body><h1>Đăng nhập cho cán bộ</h1>
        \(error.map { "<p class=\"error\" role=\"alert\">\(HTMLText.escape($0))</p>" } ?? "")
        <form method="post" action="/login">
        <input type="hidden" name="next" value="\(HTMLText.escape(safeNext(next)))">
        <label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Đăng nhập</button></form></body></html>
        """
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
