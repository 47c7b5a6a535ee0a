import Analysis
import Answers
import Foundation
import Hummingbird
import Reports
import Storage
import Summary

/// `GET /schools/{code}/answers`: a school's printable answer sheet (HTML, Vietnamese). It shows
/// children's own words, so it needs staff sign-in; a coordinator opens only their own school's.
struct AnswerSheetController {
    let environment: ServerEnvironment

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("schools/{code}/answers", use: show)
    }

    /// The page security headers come from SecurityHeadersMiddleware.
    static let securityHeaders: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        let school = try await environment.database.school(code: code)
        let sheet = try await AnswerSheet.read(environment.database, school: code, policy: environment.targets.answers)
        guard school != nil || !sheet.groups.isEmpty else {
            return Self.page(.notFound, title: "Không có trường này",
                             text: "Không có trường nào mã «\(code)» trong danh sách trường của máy chủ.")
        }
        let html = try AnswerSheetPage(sheet: sheet, school: school, forms: environment.forms).render()
        return Response(status: .ok, headers: Self.securityHeaders, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short refusal page; `text` may echo what was typed, so it is escaped.
    static func page(_ status: HTTPResponse.Status, title: String, text: String) -> Response {
        let html = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title></head>
            <body><h1>\(HTMLText.escape(title))</h1><p>\(HTMLText.escape(text))</p></body></html>
            """
        return Response(status: status, headers: securityHeaders, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
