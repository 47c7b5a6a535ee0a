import Hummingbird

/// Answers 405 with an Allow header when a known path is asked with a method it does not have,
/// and a JSON 404 for unknown paths: clients and API checkers get an answer they can act on
/// instead of an empty 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Path patterns (`{x}` matches one segment) and their methods.
    let routes: [(pattern: String, methods: [HTTPRequest.Method])]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if let route = routes.first(where: { Self.matches($0.pattern, path) }), !route.methods.contains(request.method) {
                let allowed = route.methods.map(\.rawValue).joined(separator: ", ")
                throw APIError(.methodNotAllowed, code: "method_not_allowed",
                               vi: "Địa chỉ này không nhận phương thức \(request.method.rawValue); dùng \(allowed)",
                               en: "this path does not accept \(request.method.rawValue); use \(allowed)",
                               headers: [.allow: allowed])
            }
            throw APIError(.notFound, code: "not_found", vi: "Không có địa chỉ này", en: "no such path")
        }
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        let wanted = pattern.split(separator: "/")
        let actual = path.split(separator: "/")
        guard wanted.count == actual.count else { return false }
        return zip(wanted, actual).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}
