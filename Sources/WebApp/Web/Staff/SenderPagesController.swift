import Crypto
import Forwarder
import Foundation
import Hummingbird
import Storage

/// `/staff/senders`: the units below allowed to push their summaries here (a school or ward for a
/// district, a district for a province). Registering one makes a new secret, shown once, to be
/// handed to that unit for `tiengnoi push --secret-file`; rotating makes a new one and the old
/// stops verifying at once. The units it may speak for are listed with it (a unit below is believed
/// only about itself and those). Admins only; audited. The CLI: `tiengnoi senders add|list`.
struct SenderPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/senders"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/senders", use: list)
        group.post("staff/senders", use: add)
        group.post("staff/senders/{code}", use: change)
    }

    func requireAdmin(_ context: AppRequestContext) throws -> StaffUser {
        try context.requireAdmin(("đăng ký đơn vị cấp dưới", "registers units below"))
    }

    /// 32 random bytes as hex: what `openssl rand -hex 32` makes for the CLI.
    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Codes as the CLI takes them: comma or space separated, any case.
    static func units(_ text: String) -> [String] {
        Array(Set(text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " })
            .map { School.canonicalCode($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty })).sorted()
    }

    static func codeProblem(_ code: String) -> String? {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        if code.isEmpty { return "Nhập mã đơn vị, ví dụ PHUONG-AN-BINH." }
        if code.count > 60 || !code.allSatisfy(allowed.contains) { return "Mã chỉ gồm chữ không dấu, chữ số, gạch ngang, gạch dưới hoặc dấu chấm." }
        return nil
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, input: FormFields? = nil, errors: [String: String] = [:],
                issued: (code: String, secret: String, new: Bool)? = nil, notice: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Đơn vị gửi báo cáo lên",
                                     lead: "Các đơn vị cấp dưới được phép gửi bản tổng hợp lên đây, mỗi đơn vị một khoá bí mật.",
                                     assets: pages.assets.paths)
        page["senders"] = try await environment.senders.registeredSenders().map { sender -> [String: Any] in
            ["code": sender.code, "addedAt": VietnameseFormat.time(sender.addedAt),
             "fingerprint": (try? UpstreamSecret(sender.secret).fingerprint) ?? "?",
             "units": sender.units.joined(separator: ", "), "unitCount": sender.units.count,
             "action": "\(Self.path)/\(sender.code)"]
        }
        page["input"] = ["code": input?["code"] ?? "", "units": input?["units"] ?? ""]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa đăng ký được: xem các ô được đánh dấu bên dưới." }
        if let issued {
            page["issued"] = ["code": issued.code, "secret": issued.secret, "new": issued.new]
        }
        if let notice { page["notice"] = notice }
        return pages.render("staff-senders", page, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try requireAdmin(context), context)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let code = School.canonicalCode((fields["code"] ?? "").trimmingCharacters(in: .whitespaces))
        var errors: [String: String] = [:]
        if let problem = Self.codeProblem(code) { errors["code"] = problem }
        if try await environment.senders.registeredSenders().contains(where: { $0.code == code }) {
            errors["code"] = "Đơn vị \(code) đã được đăng ký; dùng nút «Đổi khoá» ở danh sách bên dưới."
        }
        let units = Self.units(fields["units"] ?? "")
        guard errors.isEmpty else {
            return try await render(staff, context, input: fields, errors: errors, status: .unprocessableContent)
        }
        let secret = Self.newSecret()
        _ = try await environment.senders.registerSender(code: code, secret: secret, units: units, actor: staff.username)
        return try await render(staff, context, issued: (code, secret, true), status: .created)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requireAdmin(context)
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        guard try await environment.senders.registeredSenders().contains(where: { $0.code == code }) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có đơn vị «\(code)»", en: "no sender «\(code)»")
        }
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        switch fields["action"] {
        case "rotate":
            let secret = Self.newSecret()
            _ = try await environment.senders.registerSender(code: code, secret: secret, units: nil, actor: staff.username)
            return try await render(staff, context, issued: (code, secret, false))
        case "units":
            let units = Self.units(fields["units"] ?? "")
            guard let sender = try await environment.senders.registeredSenders().first(where: { $0.code == code }) else {
                throw APIError(.notFound, code: "not_found", vi: "Không có đơn vị «\(code)»", en: "no sender «\(code)»")
            }
            _ = try await environment.senders.registerSender(code: code, secret: sender.secret, units: units, actor: staff.username)
            return try await render(staff, context, notice: "Đã lưu \(units.count) đơn vị bên dưới \(code).")
        default:
            throw APIError(.badRequest, code: "invalid_action", vi: "Thao tác phải là rotate hoặc units",
                           en: "the action must be rotate or units")
        }
    }
}
