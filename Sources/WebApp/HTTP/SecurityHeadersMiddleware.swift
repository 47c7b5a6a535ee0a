import Hummingbird

/// The headers every answer carries, set in one place for every route (pages, API, assets, errors):
/// `nosniff` everywhere, so a browser never runs a JSON body or a child's text as script; and on
/// HTML pages a Content-Security-Policy (this server's own scripts and styles only, no plugins,
/// no framing by other sites), no Referer to other sites, and no caching of staff pages.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        headers[SecurityHeaderNames.contentTypeOptions] = "nosniff"
        // Bytes, not Characters: the check runs on every answer, and a media type is ASCII.
        guard headers[.contentType]?.utf8.starts(with: "text/html".utf8) == true else { return }
        headers[.contentSecurityPolicy] = SecurityHeaderNames.pagePolicy
        headers[SecurityHeaderNames.referrerPolicy] = "same-origin"
        headers[SecurityHeaderNames.frameOptions] = "DENY"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}

/// Made once, outside the generic middleware (which cannot hold stored statics): `HTTPField.Name(_:)`
/// checks and lowercases its text, and this runs on every answer (issue 19).
enum SecurityHeaderNames {
    static let contentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let pagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}
