import Crypto
import Forms
import Foundation
import Hummingbird
import Storage

/// `/login` and `/logout` for staff. The session cookie is HttpOnly and SameSite=Strict, and Secure
/// whenever the server is reached over TLS (directly configured, or a proxy says X-Forwarded-Proto: https).
///
/// Sign-in is guarded three ways: per address (`limiter`), per account (`throttle`), and against
/// forged posts from another site — the form carries a token that must match a cookie set with
/// the page (`tn_login`), and a browser's Origin, when sent, must be this server.
struct LoginController {
    let accounts: any AccountRepository
    let pages: HTMLPages
    let secureCookies: Bool
    let limiter = RateLimiter(capacity: 10, perMinute: 10)
    let throttle = LoginThrottle()
    static let sessionLifetime: TimeInterval = 12 * 3600
    static let formCookie = "tn_login"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("login", use: page)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        form(next: request.uri.queryParameters.get("next"), request: request)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = limiter.check(address) { throw RateLimiter.tooMany(retryAfter: wait) }
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let username = fields["username"] ?? ""
        let next = fields["next"]
        guard CSRF.sameOrigin(request),
            let expected = StaffAuthMiddleware.cookie(Self.formCookie, in: request),
            CSRF.constantTimeEqual(fields["csrf"] ?? "", expected)
        else {
            return form(
                next: next, username: username, request: request, status: .forbidden,
                error: "Trang đăng nhập đã cũ hoặc không phải của máy chủ này; hãy đăng nhập lại.")
        }
        if let wait = throttle.wait(username) {
            var response = form(
                next: next, username: username, request: request, status: .tooManyRequests,
                error: "Tài khoản này tạm khoá vì nhập sai mật khẩu nhiều lần; hãy thử lại sau \(wait) giây.")
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let password = fields["password"] ?? ""
        let row = try await accounts.account(username: username)
        // Compare against a decoy hash for unknown names, so timing does not tell which names exist.
        // A password past bcrypt's 72 bytes can never be an account's: it is refused, not cut.
        let valid =
            Passwords.verify(password, hash: row?.passwordHash ?? Passwords.decoy)
            && password.utf8.count <= Passwords.maximumBytes
        guard let row, valid, !row.disabled else {
            throttle.failed(username)
            try await accounts.record(actor: username, action: "login.failed", detail: address)
            return form(
                next: next, username: username, request: request, status: .unauthorized,
                error: "Tên đăng nhập hoặc mật khẩu không đúng.")
        }
        throttle.succeeded(username)
        let session = try await accounts.startSession(userID: row.user.id, lifetime: Self.sessionLifetime)
        try await accounts.record(actor: username, action: "login", detail: address)
        let secure = isSecure(request)
        let cookie =
            "\(StaffAuthMiddleware.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict; "
            + "Max-Age=\(Int(Self.sessionLifetime))" + (secure ? "; Secure" : "")
        // Without a page to return to, each person lands on their own work: a coordinator on the school's page.
        let given = next.flatMap { $0.isEmpty ? nil : $0 }
        let location = given == nil || (given == "/dashboard" && row.user.visibleSchool != nil)
            ? StaffPage.home(for: row.user) : Self.safeNext(given)
        var headers: HTTPFields = [.location: location, .setCookie: cookie]
        headers.append(.init(name: .setCookie, value: "\(Self.formCookie)=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0"))
        return Response(status: .seeOther, headers: headers)
    }

    /// Ends the session. A signed-in browser must send the session's CSRF token, so another site
    /// cannot sign staff out; without a valid session there is nothing to end.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        if let token = StaffAuthMiddleware.cookie(StaffAuthMiddleware.cookieName, in: request),
            let session = try await accounts.session(forToken: token)
        {
            guard CSRF.sameOrigin(request), try await CSRF.isValid(&request, expected: session.csrf) else {
                throw CSRF.refusal
            }
            try await accounts.endSession(forToken: token)
            try await accounts.record(
                actor: session.user.username, action: "logout",
                detail: context.remoteAddress?.ipAddress ?? "unknown")
        }
        return Response(
            status: .seeOther,
            headers: [
                .location: "/login", .setCookie: "\(StaffAuthMiddleware.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
            ])
    }

    /// The sign-in page with a fresh form token (also set as a cookie), the name typed kept.
    func form(
        next: String?, username: String = "", request: Request, status: HTTPResponse.Status = .ok,
        error: String? = nil
    ) -> Response {
        let token = hexString(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        var page: [String: Any] = [
            "next": next.map { Self.safeNext($0) } ?? "", "csrf": token, "username": username, "assets": pages.assets.paths,
        ]
        // Only when there is one: mustache renders an absent Optional as the word "nil".
        if let error { page["error"] = error }
        var response = pages.render("login", page, status: status)
        response.headers[.setCookie] =
            "\(Self.formCookie)=\(token); Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600"
            + (isSecure(request) ? "; Secure" : "")
        return response
    }

    func isSecure(_ request: Request) -> Bool {
        secureCookies || request.headers[.init("X-Forwarded-Proto")!] == "https"
    }

    /// Only a path on this server: a sign-in link must not send staff elsewhere. Browsers read
    /// `\` as `/` and drop tabs and newlines, so `/\evil.com` and `/<tab>/evil.com` would leave the
    /// site like `//evil.com`; the same goes for those characters percent-encoded.
    static func safeNext(_ next: String?) -> String {
        let fallback = "/dashboard"
        guard let next, isOwnPath(next), isOwnPath(next.removingPercentEncoding ?? "") else { return fallback }
        return next
    }

    private static func isOwnPath(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2048 else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        return !bytes.contains { $0 == UInt8(ascii: "\\") || $0 < 0x21 || $0 == 0x7F }
    }
}
