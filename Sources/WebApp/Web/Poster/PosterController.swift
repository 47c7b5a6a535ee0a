import Foundation
import Hummingbird
import Storage

/// `/schools/{code}/poster`: the school's children's form link as an A4 poster to print and pin up,
/// with a QR code (libqrencode) a phone camera opens, and the form key's rotation: a new key makes
/// every old link and poster stop working (after a link was shared too widely). The school's
/// coordinator and admins; rotating is audited.
struct PosterController {
    let schools: any SchoolRepository
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("schools/{code}/poster", use: show)
        group.post("schools/{code}/poster", use: rotate)
    }

    func school(_ context: AppRequestContext) async throws -> (StaffUser, School) {
        try await StaffPage.schoolForItsStaff(context, schools: schools, what: ("in áp phích", "print the poster"))
    }

    /// This server's address as the browser sees it (behind a proxy: the forwarded host and scheme).
    static func base(_ request: Request) -> String {
        let host = request.headers[.init("X-Forwarded-Host")!] ?? request.head.authority ?? "127.0.0.1"
        let scheme = request.headers[.init("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(scheme)://\(host)"
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, school) = try await school(context)
        let key = try await schools.linkKey(school: school.code, rotate: false, actor: staff.username)
        let link = Self.base(request) + "/f/" + (school.code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? school.code)
            + "?k=" + key
        guard let symbol = QRSymbol(link) else {
            throw APIError(.internalServerError, code: "qr_failed", vi: "Không tạo được mã QR", en: "the QR code could not be made")
        }
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/schools/\(school.code)/poster",
                                     title: "Áp phích biểu mẫu — \(school.name)", assets: pages.assets.paths)
        page["schoolName"] = school.name
        page["link"] = link
        page["qr"] = symbol.svg(size: 320, label: "Mã QR mở biểu mẫu của \(school.name)")
        page["action"] = "/schools/\(school.code)/poster"
        if request.uri.queryParameters.get("rotated") == "1" {
            page["rotated"] = "Đã đổi mã khoá: đường dẫn và áp phích cũ không dùng được nữa. Hãy in áp phích mới."
        }
        return pages.render("staff-poster", page)
    }

    @Sendable func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, school) = try await school(context)
        _ = try await schools.linkKey(school: school.code, rotate: true, actor: staff.username)
        return Response(status: .seeOther, headers: [.location: "/schools/\(school.code)/poster?rotated=1"])
    }
}
