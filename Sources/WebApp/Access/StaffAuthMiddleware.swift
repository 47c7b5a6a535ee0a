import Foundation
import Hummingbird
import MultipartKit
import Storage

/// Every staff page and API sits behind this: a bearer token (devices, scripts) or the login
/// cookie. Without either, API paths answer 401 and pages send the browser to /login.
struct StaffAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: any AccountRepository

    static let cookieName = "tn_session"

    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated",
        vi: "Cần đăng nhập (hoặc mã truy cập API) để xem trang này",
        en: "sign in (or send an API token) to use this", headers: [.wwwAuthenticate: "Bearer"])

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        var request = request
        if let token = Self.bearerToken(in: request) {
            context.staff = try await accounts.staff(forToken: token)
        } else if let token = Self.cookie(Self.cookieName, in: request),
            let session = try await accounts.session(forToken: token)
        {
            context.staff = session.user
            context.csrfToken = session.csrf
            // A form posted with the login cookie must prove it came from our own page.
            if request.method != .get, request.method != .head {
                guard CSRF.sameOrigin(request), try await CSRF.isValid(&request, expected: session.csrf) else {
                    throw CSRF.refusal
                }
            }
        }
        // A one-time password must be changed before anything else: pages go to the change form,
        // API calls are refused.
        if let staff = context.staff, staff.mustChangePassword,
            request.uri.path != AccountPagesController.path, request.uri.path != "/logout"
        {
            if request.method == .get, !request.uri.path.hasPrefix("/api/") {
                return Response(status: .seeOther, headers: [.location: AccountPagesController.path])
            }
            throw APIError(.forbidden, code: "must_change_password", vi: "Hãy đổi mật khẩu dùng một lần trước (/account/password)",
                           en: "change the one-time password first (/account/password)")
        }
        guard context.staff != nil else {
            if request.method == .get, !request.uri.path.hasPrefix("/api/") {
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
                return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
            }
            throw Self.unauthenticated
        }
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer …` header, if the request has one.
    static func bearerToken(in request: Request) -> String? {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else { return nil }
        return String(authorization.dropFirst(7))
    }

    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmedWhitespace }
                if pair.count == 2, pair[0] == name { return pair[1] }
            }
        }
        return nil
    }
}

/// The CSRF token travels in the `X-CSRF-Token` header (scripts) or the `csrf` form field (pages).
enum CSRF {
    static let refusal = APIError(
        .forbidden, code: "csrf", vi: "Phiên làm việc đã cũ; hãy tải lại trang rồi thử lại",
        en: "stale or missing CSRF token; reload the page and try again")

    /// False when a browser says the request comes from a page of another site (its `Origin`
    /// differs from the `Host` it is sent to). No Origin (older browsers, scripts) leaves the
    /// decision to the token.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard origin != "null", let components = URLComponents(string: origin), let host = components.host else { return false }
        let hostPort = components.port.map { "\(host):\($0)" } ?? host
        // Behind a reverse proxy the Host may be the proxy's view; X-Forwarded-Host is the browser's.
        let targets = [request.head.authority, request.headers[.init("X-Forwarded-Host")!]]
        return targets.contains { $0?.lowercased() == hostPort.lowercased() }
    }

    /// The largest form post a page sends: the paper-form import carries the file's text back,
    /// percent-encoded (a Vietnamese letter takes up to nine bytes).
    static let bodyLimit = 4 << 20

    struct MultipartToken: Decodable { var csrf: String }

    static func isValid(_ request: inout Request, expected: String) async throws -> Bool {
        if let header = request.headers[.init("X-CSRF-Token")!] { return constantTimeEqual(header, expected) }
        let contentType = request.headers[.contentType] ?? ""
        if let boundary = Multipart.boundary(contentType) {
            // A file upload (the paper-form import): the token is one of the parts.
            let buffer = try await request.collectBody(upTo: bodyLimit)
            let token = try? FormDataDecoder().decode(MultipartToken.self, from: buffer, boundary: boundary)
            return token.map { constantTimeEqual($0.csrf, expected) } ?? false
        }
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else { return false }
        // Collecting keeps the body on the request, so the route can still decode it.
        let buffer = try await request.collectBody(upTo: bodyLimit)
        let fields = FormFields(String(buffer: buffer))
        return fields["csrf"].map { constantTimeEqual($0, expected) } ?? false
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// `application/x-www-form-urlencoded` fields, percent-decoded (a '+' is a space).
struct FormFields {
    private var values: [String: String] = [:]
    /// Every value of a name that appears more than once (checkboxes), in order.
    private var lists: [String: [String]] = [:]

    /// Fields already known (a stored record shown in its form to edit).
    init(_ known: [String: String]) {
        values = known
        lists = known.mapValues { [$0] }
    }

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            values[name] = value
            lists[name, default: []].append(value)
        }
    }

    subscript(name: String) -> String? { values[name] }

    func all(_ name: String) -> [String] { lists[name] ?? [] }
}
