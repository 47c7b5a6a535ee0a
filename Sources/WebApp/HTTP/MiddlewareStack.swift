import Hummingbird

/// The middleware every route passes, outermost first: security headers, error pages for browsers,
/// request metrics, 405 and JSON 404 answers — each its own type, joined here into the one
/// middleware the router holds.
///
/// Why one (issue 19): Hummingbird calls each registered middleware through an existential and a
/// closure per layer, unspecialised for the context type, so every layer cost every request a few
/// task-allocated frames, generic metadata lookups and reference counting; joined here, in this
/// module and with the context type known, the compiler specialises and inlines the four. The
/// order and what each does are unchanged.
struct MiddlewareStack: RouterMiddleware {
    typealias Context = AppRequestContext
    let securityHeaders = SecurityHeadersMiddleware<AppRequestContext>()
    let errorPages: ErrorPageMiddleware
    let metrics = RequestMetricsMiddleware<AppRequestContext>()
    let methodNotAllowed: MethodNotAllowedMiddleware<AppRequestContext>

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        try await securityHeaders.handle(request, context: context) { request, context in
            try await errorPages.handle(request, context: context) { request, context in
                try await metrics.handle(request, context: context) { request, context in
                    try await methodNotAllowed.handle(request, context: context, next: next)
                }
            }
        }
    }
}
