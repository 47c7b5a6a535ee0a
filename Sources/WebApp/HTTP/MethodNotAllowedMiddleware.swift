import Hummingbird
import Synchronization

/// The routes the router holds, read from the router itself once every controller has added its
/// own (`Router.routes`): the one registration feeds both the router and the 405 answers below,
/// and `RouteSpecTests` compares it with `openapi.yaml`.
final class KnownRoutes: Sendable {
    struct Route: Sendable, Hashable {
        var pattern: String
        var methods: [HTTPRequest.Method]
    }

    private let routes = Mutex<[Route]>([])

    var all: [Route] { routes.withLock { $0 } }

    func load<Context>(_ router: Router<Context>) {
        var byPath: [String: [HTTPRequest.Method]] = [:]
        for route in router.routes { byPath["\(route.path)", default: []].append(route.method) }
        routes.withLock { routes in
            routes = byPath.map { Route(pattern: $0.key, methods: $0.value) }.sorted { $0.pattern < $1.pattern }
        }
    }
}

/// Answers 405 with an Allow header when a known path is asked with a method it does not have,
/// and a JSON 404 for unknown paths: clients and API checkers get an answer they can act on
/// instead of an empty 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let known: KnownRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if let route = known.all.first(where: { Self.matches($0.pattern, path) }), !route.methods.contains(request.method) {
                // HEAD is answered wherever GET is (the router adds it).
                let methods = Set(route.methods.map(\.rawValue) + (route.methods.contains(.get) ? ["HEAD"] : []))
                let allowed = methods.sorted().joined(separator: ", ")
                throw APIError(
                    .methodNotAllowed, code: "method_not_allowed",
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
