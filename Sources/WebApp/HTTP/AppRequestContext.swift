import Hummingbird
import NIOCore
import Storage

/// Per-request context: the peer address, and the staff member once authenticated.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by `StaffAuthMiddleware` on staff routes.
    public var staff: StaffUser?
    /// The session's CSRF token when the staff member came with a login cookie (not with a token).
    public var csrfToken: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated staff member; staff routes sit behind `StaffAuthMiddleware`, so this
    /// only fails when a route was mounted outside it.
    public func requireStaff() throws -> StaffUser {
        guard let staff else { throw StaffAuthMiddleware.unauthenticated }
        return staff
    }

    /// 403 unless the staff member may see `school`: a coordinator sees only their own.
    public func requireAccess(toSchool school: String) throws {
        guard try requireStaff().maySee(school: school) else {
            throw APIError(
                .forbidden, code: "forbidden_school",
                vi: "Tài khoản của bạn chỉ xem được trường của mình",
                en: "your account can only see its own school")
        }
    }

    /// 403 unless the staff member has one of `roles`.
    public func requireRole(_ roles: StaffRole...) throws {
        guard roles.contains(try requireStaff().role) else {
            throw APIError(
                .forbidden, code: "forbidden_role",
                vi: "Tài khoản của bạn không có quyền làm việc này", en: "your account may not do this")
        }
    }
}
