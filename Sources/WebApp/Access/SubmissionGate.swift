import Forms
import Hummingbird
import Storage

/// Who may send entries, shared by the children's form and the JSON submission API, so that the
/// API is not a way around the form's key and limits.
///
/// With `required` on (the default) a request needs either the token of an admin or of the
/// school's coordinator (`Authorization: Bearer …`, not rate-limited: a tablet syncing a day's
/// entries) or the key of every school its entries name (`X-TiengNoi-School-Key`, the `k` of the
/// school's form link), and keyed requests share the form's limits per address and per school.
/// Viewers and responders read and answer; their tokens cannot send entries. With `required` off
/// (`serve --open-submissions`, for a closed network) the API takes any entry.
public final class SubmissionGate: Sendable {
    public let required: Bool
    let accounts: any AccountRepository
    let schools: any SchoolRepository
    /// A class sending together from one tablet stays well inside these; a script flooding a form does not.
    let perAddress = RateLimiter(capacity: 30, perMinute: 30)
    let perSchool = RateLimiter(capacity: 120, perMinute: 240)
    /// Tokens and keys for a few seconds: no database read per entry on the hot path.
    let credentials = CredentialCache()

    static let keyHeader = HTTPFields.Element.Name("X-TiengNoi-School-Key")!

    public init(accounts: any AccountRepository, schools: any SchoolRepository, required: Bool) {
        self.accounts = accounts
        self.schools = schools
        self.required = required
    }

    /// `schools`: the registered schools the entries name. Throws 401 without a token or a matching
    /// key, 429 with Retry-After when a limit is reached.
    func admit(_ request: Request, context: AppRequestContext, schools named: () -> Set<String>) async throws {
        guard required else { return }  // the default: nothing read, nothing counted
        let schools = named()
        if let token = StaffAuthMiddleware.bearerToken(in: request) {
            guard let staff = try await credentials.user(forToken: token, accounts: accounts) else {
                throw StaffAuthMiddleware.unauthenticated
            }
            guard staff.role == .admin || staff.role == .coordinator else {
                throw APIError(
                    .forbidden, code: "forbidden_role",
                    vi: "Mã truy cập của vai trò \(staff.role.rawValue) không được gửi ý kiến; dùng mã của trường hoặc tài khoản quản trị",
                    en: "a \(staff.role.rawValue) token may not send entries; use the school's key or an admin or coordinator token")
            }
            // A school's tablet (a coordinator's token) sends that school's entries only.
            guard schools.allSatisfy({ staff.maySee(school: $0) }) else {
                throw APIError(
                    .forbidden, code: "forbidden_school",
                    vi: "Mã truy cập này chỉ gửi được ý kiến của trường mình",
                    en: "this token may only send its own school's entries")
            }
            return
        }
        let given = request.headers[Self.keyHeader] ?? ""
        // `schools` are registered ones; an entry naming an unknown school is refused later with
        // its field errors. A school whose link was never made has no key anyone could hold.
        for school in schools {
            guard let key = try await credentials.schoolKey(school, schools: self.schools), CSRF.constantTimeEqual(given, key) else {
                throw Self.missingKey
            }
        }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = perAddress.check(address) ?? schools.lazy.compactMap({ self.perSchool.check($0) }).first {
            throw RateLimiter.tooMany(retryAfter: wait)
        }
    }

    /// The form's own posts: the page was opened with the school's key already.
    func limitForm(address: String, school: String) -> Int? {
        perAddress.check(address) ?? perSchool.check(school)
    }

    static let missingKey = APIError(
        .unauthorized, code: "school_key",
        vi: "Cần mã của trường (phần k= trong đường dẫn biểu mẫu của trường) trong tiêu đề X-TiengNoi-School-Key, hoặc mã truy cập API",
        en: "send the school's key (the k= of its form link) in X-TiengNoi-School-Key, or an API token",
        headers: [.wwwAuthenticate: "Bearer"])
}
