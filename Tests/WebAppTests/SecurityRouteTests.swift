import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reports
import Storage
import Summary
import Testing

@testable import WebApp

/// The holes an outside probe found (issue 13), each shown closed through the router.
@Suite("Security: held entries, other schools' words, offices, sign-in, tokens")
struct SecurityRouteTests {
    static let disclosure = "Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm. MARKER-HELD-7Q"
    static let swimA = "Cháu mong có lớp dạy bơi miễn phí vào hè cho bạn trường An Bình."
    static let swimB = "Cháu mong có lớp dạy bơi miễn phí vào hè, lời trường Lê Lợi."

    func send(
        _ client: any TestClientProtocol, as token: String? = nil, _ method: HTTPRequest.Method, _ uri: String,
        _ body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, json: JSONValue?, text: String) {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) {
            let text = String(buffer: $0.body)
            return ($0.status, try? JSONParser.parse(Data(text.utf8)), text)
        }
    }

    func analyse(_ server: TestServer) async throws {
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
    }

    @Test func aHeldEntryIsAnsweredOnlyWithThePermissionAndListedToNobodyElse() async throws {
        let server = try TestServer()
        let officer = try server.staffToken("bvte", role: .admin, safeguarding: true)
        let admin = try server.staffToken("admin", role: .admin)
        let viewer = try server.staffToken("viewer", role: .viewer)
        let responder = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        try await server.test { client in
            let held = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.disclosure))
            #expect(held.json?.objectValue?["hotline"] == "111")
            let id = try #require(held.json?.objectValue?["id"]?.stringValue)
            try await analyse(server)
            let answer = #"{"status": "answered", "text": "Cô đã gọi cho em", "office": "Phòng GD&ĐT quận", "draft": true}"#
            // Without the permission: 403, whatever the role, and nothing is written.
            for token in [admin, responder] {
                #expect(try await send(client, as: token, .put, "/api/v1/answers/entries/\(id)", answer).status == .forbidden)
            }
            let draft = try await send(client, as: officer, .put, "/api/v1/answers/entries/\(id)", answer)
            #expect(draft.status == .ok)
            let draftID = try #require(draft.json?.objectValue?["answer"]?.objectValue?["id"]?.stringValue)
            #expect(try await send(client, as: responder, .post, "/api/v1/answers/drafts/\(draftID)/publish").status == .forbidden)
            // Nobody's work list carries the child's words, draft or published.
            for published in [false, true] {
                if published {
                    #expect(try await send(client, as: officer, .post, "/api/v1/answers/drafts/\(draftID)/publish").status == .ok)
                }
                for token in [admin, viewer, responder, coordinator, officer] {
                    for path in [
                        "/api/v1/answers/items", "/api/v1/answers/items?overdue=true", "/api/v1/answers/overdue",
                        "/api/v1/answers/share", "/schools/TH-AN-BINH/answers",
                    ] {
                        let text = try await send(client, as: token, .get, path).text
                        #expect(!text.contains("MARKER-HELD-7Q"), "\(path) published=\(published)")
                    }
                }
            }
        }
    }

    /// Two schools in one issue: each coordinator sees the other school's count, never its words.
    @Test func aCoordinatorSeesOnlyItsOwnSchoolsWordsInASharedIssue() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-le-loi", role: .coordinator, school: "TH-LE-LOI")
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.swimA)).status == .created)
            #expect(
                try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.swimB, school: "TH-LE-LOI"))
                    .status == .created)
            try await analyse(server)
            let all = try await send(client, as: admin, .get, "/api/v1/answers/items").json
            let shared = all?.objectValue?["items"]?.arrayValue?.first { $0.objectValue?["schools"]?.arrayValue?.count == 2 }
            try #require(shared != nil, "the two swimming requests form one issue")
            for path in [
                "/api/v1/answers/items", "/api/v1/answers/overdue", "/api/v1/schools/TH-LE-LOI/summary",
                "/schools/TH-LE-LOI/answers",
            ] {
                let text = try await send(client, as: coordinator, .get, path).text
                #expect(!text.contains("An Bình"), "\(path) shows the other school's words")
            }
            let items = try await send(client, as: coordinator, .get, "/api/v1/answers/items").json
            let own = items?.objectValue?["items"]?.arrayValue?.first
            #expect(own?.objectValue?["wording"] == .string(Self.swimB))
            #expect(own?.objectValue?["entries"] == .int(2), "the other school's count still shows")
            let summary = try await send(client, as: coordinator, .get, "/api/v1/schools/TH-LE-LOI/summary").json
            let issue = summary?.objectValue?["issues"]?.arrayValue?.first?.objectValue
            #expect(issue?["representative"] == .string(Self.swimB))
        }
    }

    @Test func aResponderAnswersOnlyItsOwnOfficesIssues() async throws {
        let server = try TestServer()
        let education = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let police = try server.staffToken("cong-an", role: .responder, office: "Công an quận")
        try await server.test { client in
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.swimA)).status == .created)
            try await analyse(server)
            let items = try await send(client, as: education, .get, "/api/v1/answers/items").json
            let issue = try #require(items?.objectValue?["items"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
            let uri = "/api/v1/answers/issues/\(issue)"
            // Naming another office for an unassigned issue is refused.
            let handOver = #"{"status": "under_consideration", "text": "Đang xem xét", "office": "Công an quận"}"#
            #expect(try await send(client, as: education, .put, uri, handOver).status == .forbidden)
            #expect(
                try await send(client, as: education, .put, uri, #"{"status": "under_consideration", "text": "Đang xem xét"}"#)
                    .status == .ok)
            // Another office's issue: 403, and its office stays.
            let taken = try await send(client, as: police, .put, uri, #"{"status": "implemented", "text": "Đã làm", "office": "Công an quận"}"#)
            #expect(taken.status == .forbidden)
            #expect(taken.json?.objectValue?["message_vi"]?.stringValue?.contains("Phòng GD&ĐT quận") == true)
            let after = try await send(client, as: police, .get, "/api/v1/answers/items").json
            let item = after?.objectValue?["items"]?.arrayValue?.first?.objectValue
            #expect(item?["office"] == .string("Phòng GD&ĐT quận"))
            #expect(item?["status"] == .string("under_consideration"))
        }
    }

    /// Safe by default: the API wants the school's key or an admin's or the school's coordinator's token.
    @Test func theSubmissionAPIIsClosedByDefaultAndAViewersTokenCannotSend() async throws {
        let server = try TestServer(requireSubmissionKey: ServerConfiguration(port: 0).requireSubmissionKey)
        let viewer = try server.staffToken("viewer", role: .viewer)
        let responder = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope()).status == .unauthorized)
            for token in [viewer, responder] {
                let refused = try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(),
                    headers: [.authorization: "Bearer \(token)"])
                #expect(refused.status == .forbidden)
                #expect(refused.json?.objectValue?["message_vi"]?.stringValue?.isEmpty == false)
            }
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(),
                    headers: [.authorization: "Bearer \(coordinator)"]
                ).status == .created)
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(school: "TH-LE-LOI"),
                    headers: [.authorization: "Bearer \(coordinator)"]
                ).status == .forbidden)
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(school: "TH-LE-LOI"),
                    headers: [.authorization: "Bearer \(admin)"]
                ).status == .created)
        }
        #expect(try server.storedCount() == 2)
    }

    @Test(arguments: [
        "https://evil.com", "//evil.com", "/\\evil.com", "/%5Cevil.com", "/%5cevil.com", "/%09/evil.com",
        "/\t/evil.com", "/%2F/evil.com", "\\\\evil.com", "javascript:alert(1)", "/ok\r\nSet-Cookie:x",
        "/%0d%0aSet-Cookie:x", "evil.com", "",
    ])
    func signInNeverRedirectsAway(_ next: String) {
        #expect(LoginController.safeNext(next) == "/dashboard", "\(next)")
    }

    @Test func signInKeepsOwnPaths() {
        for next in ["/dashboard", "/schools/TH-AN-BINH/answers", "/api/v1/me?x=1", "/schools/TH-%C4%90/answers"] {
            #expect(LoginController.safeNext(next) == next)
        }
    }

    @Test func signInNeedsTheFormTokenAndBacksOffPerAccount() async throws {
        let server = try TestServer()
        _ = try server.environment.database.addUser(
            username: "quan", passwordHash: Passwords.hash("mat-khau-du-dai-2024"),
            role: .admin, school: nil, office: nil, safeguarding: false)
        try await server.test { client in
            let page = try await client.execute(uri: "/login", method: .get) { response in
                (String(buffer: response.body), response.headers[.setCookie] ?? "", response.headers)
            }
            for name in ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"] {
                #expect(page.2[HTTPFields.Element.Name(name)!] != nil, "\(name) on /login")
            }
            #expect(page.2[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(!page.0.contains("role=\"alert\""), "a fresh sign-in page shows no error (it once read «nil»)")
            let token = try #require(page.1.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            #expect(page.0.contains(token))
            func post(
                _ fields: String, cookie: String? = "tn_login=\(token)", origin: String? = nil
            )
                async throws -> HTTPResponse.Status
            {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = cookie }
                if let origin { headers[.origin] = origin }
                return try await client.execute(
                    uri: "/login", method: .post, headers: headers,
                    body: ByteBuffer(string: fields)
                ) { $0.status }
            }
            let good = "username=quan&password=mat-khau-du-dai-2024&csrf=\(token)"
            // A post from another site: no form token, or a foreign Origin.
            #expect(try await post("username=quan&password=mat-khau-du-dai-2024", cookie: nil) == .forbidden)
            #expect(try await post("username=quan&password=mat-khau-du-dai-2024&csrf=\(token)", cookie: "tn_login=other") == .forbidden)
            #expect(try await post(good, origin: "https://evil.example") == .forbidden)
            #expect(try await post(good) == .seeOther)
            // A password past bcrypt's 72 bytes is never accepted (it would be cut).
            #expect(
                try await post("username=quan&password=mat-khau-du-dai-2024\(String(repeating: "x", count: 60))&csrf=\(token)")
                    == .unauthorized)
            // Five wrong passwords, then the account waits, even with the right one.
            for _ in 0..<4 { #expect(try await post("username=quan&password=sai-mat-khau-roi&csrf=\(token)") == .unauthorized) }
            #expect(try await post(good) == .tooManyRequests)
        }
    }

    @Test func jsonAnswersCarryNosniff() async throws {
        let server = try TestServer()
        try await server.test { client in
            for path in ["/health", "/api/v1/me", "/api/v1/forms", "/no-such-path"] {
                let headers = try await client.execute(uri: path, method: .get) { $0.headers }
                #expect(headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
            }
        }
    }

    @Test func tokensExpireAndAreRevokedOneByOne() async throws {
        let server = try TestServer()
        let database = server.environment.database
        _ = try database.addUser(
            username: "tablet", passwordHash: "x", role: .coordinator, school: "TH-AN-BINH",
            office: nil, safeguarding: false)
        let short = try database.issueToken(username: "tablet", label: "một ngày", days: 1)
        let kept = try database.issueToken(username: "tablet", label: "mặc định")
        #expect(kept.expiresAt > Timestamp.string(Date().addingTimeInterval(89 * 86_400)))
        #expect(try await database.user(forToken: short.token) != nil)
        #expect(try await database.user(forToken: short.token, now: Date().addingTimeInterval(2 * 86_400)) == nil)
        _ = try database.revokeToken(id: String(kept.id.prefix(8)))
        #expect(try await database.user(forToken: kept.token) == nil)
        #expect(try await database.user(forToken: short.token) != nil, "revoking one token leaves the others")
        #expect(try database.tokens(username: "tablet").map(\.revoked).sorted { !$0 && $1 } == [false, true])
    }

    /// The submission API remembers a token for a moment (no database read per entry); a revoked
    /// token stops working once that moment has passed.
    @Test func aRevokedTokenStopsWorkingWithinTheCacheLifetime() async throws {
        let server = try TestServer()
        let database = server.environment.database
        _ = try database.addUser(
            username: "tablet", passwordHash: "x", role: .coordinator, school: "TH-AN-BINH",
            office: nil, safeguarding: false)
        let issued = try database.issueToken(username: "tablet", label: "máy tính bảng")
        let cache = CredentialCache(lifetime: .milliseconds(300))
        #expect(try await cache.user(forToken: issued.token, accounts: database)?.username == "tablet")
        _ = try database.revokeToken(id: issued.id)
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await cache.user(forToken: issued.token, accounts: database) == nil)
    }

    @Test func aPasswordChangeEndsTheSessions() async throws {
        let server = try TestServer()
        let database = server.environment.database
        let user = try database.addUser(
            username: "quan", passwordHash: "x", role: .admin, school: nil, office: nil,
            safeguarding: false)
        let session = try await database.startSession(userID: user.id, lifetime: 3600)
        #expect(try await database.session(token: session.token) != nil)
        try database.setPasswordHash(username: "quan", "y")
        #expect(try await database.session(token: session.token) == nil)
    }
}
