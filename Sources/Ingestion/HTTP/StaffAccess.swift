import Hummingbird

/// Staff routes (answers, the answer sheet) until the Access issue adds a login: only requests
/// made on the server machine itself, and none relayed by a proxy, are served.
enum StaffAccess {
    static func allows(_ request: Request, _ context: AppRequestContext) -> Bool {
        LoopbackPeer.allows(request, from: context.remoteAddress)
    }

    /// Throws 403 `staff_only` for anyone else.
    static func require(_ request: Request, _ context: AppRequestContext) throws {
        guard allows(request, context) else { throw forbidden }
    }

    static let forbidden = APIError(
        .forbidden, code: "staff_only",
        vi: "Chỉ dùng được trên chính máy chủ cho đến khi có đăng nhập cho cán bộ",
        en: "only available on the server machine itself until staff sign-in exists")
}
