import Hummingbird
import Logging

/// A browser asking for a page gets a page when something goes wrong, not a JSON body: the same
/// bilingual message, in the staff page layout, with the same status and headers (Retry-After,
/// Allow). API clients, assets and the system routes keep their JSON errors. As in
/// hummingbird-examples' todos-auth-fluent `ErrorPageMiddleware`.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: HTMLPages

    static let machinePrefixes = ["/api/", "/assets/", "/health", "/metrics", "/openapi.yaml"]

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard Self.wantsPage(request) else { throw error }
            let apiError: APIError
            switch error {
            case let known as APIError:
                apiError = known
            case let http as HTTPError:
                apiError = APIError(http.status, code: "http", vi: Self.title(http.status), en: http.body ?? "\(http.status)")
            default:
                context.logger.error("page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                apiError = APIError(
                    .internalServerError, code: "internal", vi: "Máy chủ gặp lỗi; hãy thử lại sau ít phút.",
                    en: "the server ran into a problem; try again in a few minutes")
            }
            var response = pages.message(
                apiError.status, title: Self.title(apiError.status), text: apiError.messageVI,
                english: apiError.messageEN)
            response.headers.append(contentsOf: apiError.headers)
            return response
        }
    }

    /// A browser's page request: not a machine route, and HTML accepted.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        guard !machinePrefixes.contains(where: { path.hasPrefix($0) }) else { return false }
        return request.headers[.accept]?.contains("text/html") == true
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "Cần đăng nhập"
        case 403: "Tài khoản của bạn không được xem trang này"
        case 404: "Không có trang này"
        case 405: "Trang này không nhận yêu cầu đó"
        case 429: "Gửi quá nhanh"
        case 400..<500: "Yêu cầu chưa đúng"
        default: "Máy chủ gặp lỗi"
        }
    }
}
