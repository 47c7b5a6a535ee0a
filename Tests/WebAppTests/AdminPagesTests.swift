import Analysis
import Forms
import Forwarder
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import WebApp

/// The admin's pages (accounts, schools, senders, forms) and a school's own dashboard, through the
/// router: what each change does, that it is audited, and that bad input is refused beside the field.
@Suite("Admin pages and the school dashboard")
struct AdminPagesTests {
    let pagesTests = StaffPagesTests()

    func get(_ client: any TestClientProtocol, _ path: String, as token: String) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await pagesTests.get(client, path, as: token)
    }

    func post(_ client: any TestClientProtocol, _ path: String, as token: String, _ fields: [String: String])
        async throws -> (HTTPResponse.Status, String, HTTPFields)
    {
        try await pagesTests.post(client, path, as: token, fields)
    }

    func upload(_ client: any TestClientProtocol, _ path: String, as token: String, csv: String) async throws -> (HTTPResponse.Status, String) {
        let boundary = "ranh-gioi-42"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"truong.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        return try await client.execute(
            uri: path, method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(string: body)) { ($0.status, String(buffer: $0.body)) }
    }

    func audit(_ server: TestServer, _ action: String) async throws -> [String] {
        try await server.environment.database.auditEntries(action: action).map { "\($0.actor) \($0.detail)" }
    }

    /// A coordinator's dashboard counts only their school, names it, shows its issues with their
    /// answers in its own children's words, and never another school's words or a held entry's.
    @Test func aSchoolsDashboardIsScopedToThatSchool() async throws {
        let world = try await StaffPagesTests.world()
        let other = "Ở trường Lê Lợi chúng em cần thêm sân bóng rổ."
        try await world.server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: other, school: "TH-LE-LOI"))
        }
        try await AnalysisPass(database: world.server.environment.database, forms: world.server.environment.forms).run()
        try await world.server.test { client in
            let page = try await get(client, "/schools/TH-AN-BINH/dashboard", as: world.tokens["coordinator"]!)
            #expect(page.0 == .ok)
            #expect(page.1.contains("<h1>Ý kiến trẻ em — Trường Tiểu học An Bình</h1>"))
            // Two entries were sent from An Bình: one counted, one held (a count only); Lê Lợi's does not add.
            #expect(page.1.contains("data-total=\"entries\" data-value=\"1\""))
            #expect(page.1.contains("data-total=\"safeguardingHeld\" data-value=\"1\""))
            #expect(page.1.contains(StaffPagesTests.swim))
            #expect(!page.1.contains("sân bóng rổ"), "another school's words")
            #expect(!page.1.contains("vết bầm"), "a held entry's words")
            #expect(page.1.contains("id=\"months\"") && page.1.contains("id=\"themes\""))
            // The sections about the whole unit stay on the district's dashboard.
            #expect(!page.1.contains("id=\"schools\"") && !page.1.contains("id=\"targets\""))
            #expect(try await get(client, "/schools/TH-LE-LOI/dashboard", as: world.tokens["coordinator"]!).0 == .forbidden)
            #expect(try await get(client, "/schools/KHONG-CO/dashboard", as: world.tokens["admin"]!).0 == .notFound)
            // District staff open any school's.
            let district = try await get(client, "/schools/TH-LE-LOI/dashboard", as: world.tokens["viewer"]!)
            #expect(district.0 == .ok && district.1.contains("sân bóng rổ") && !district.1.contains(StaffPagesTests.swim))
        }
    }

    /// An admin changes an account's role and scope (audited before → after; its sessions end), and
    /// ends every session and token of another without disabling it.
    @Test func anAdminChangesARoleAndRevokesTokens() async throws {
        let world = try await StaffPagesTests.world()
        let admin = world.tokens["admin"]!
        try await world.server.test { client in
            let page = try await get(client, "/staff/users/viewer", as: admin)
            #expect(page.0 == .ok && page.1.contains("value=\"update\"") && page.1.contains("value=\"revoke\""))
            // A coordinator without a school is refused beside the field, the choice kept.
            let refused = try await post(client, "/staff/users/viewer", as: admin, ["action": "update", "role": "coordinator", "school": ""])
            #expect(refused.0 == .unprocessableContent && refused.1.contains("id=\"e-school\""))
            #expect(refused.1.contains("<option value=\"coordinator\" selected>"))
            #expect(try world.server.environment.database.user(username: "viewer")?.user.role == .viewer)

            let saved = try await post(client, "/staff/users/viewer", as: admin,
                                       ["action": "update", "role": "coordinator", "school": "TH-LE-LOI", "safeguarding": "on"])
            #expect(saved.0 == .ok)
            let user = try #require(try world.server.environment.database.user(username: "viewer")?.user)
            #expect(user.role == .coordinator && user.school == "TH-LE-LOI" && user.safeguarding)
            let trail = try await audit(world.server, "user.change")
            #expect(trail.count == 1 && trail[0].hasPrefix("admin viewer: role=viewer") && trail[0].contains("→ role=coordinator school=TH-LE-LOI"))
            // The token still works (tokens are not sessions), now with the new scope.
            #expect(try await get(client, "/dashboard", as: world.tokens["viewer"]!).0 == .forbidden)
            #expect(try await get(client, "/schools/TH-LE-LOI/dashboard", as: world.tokens["viewer"]!).0 == .ok)

            let revoked = try await post(client, "/staff/users/phong-gd", as: admin, ["action": "revoke"])
            #expect(revoked.0 == .ok && revoked.1.contains("1 mã API"))
            let after = try await get(client, "/staff/answers", as: world.tokens["responder"]!)
            #expect(after.0 == .seeOther && after.2[.location]?.hasPrefix("/login") == true, "the revoked token is refused: \(after.0)")
            #expect(try world.server.environment.database.user(username: "phong-gd")?.disabled == false)
            #expect(try await audit(world.server, "user.revoke").count == 1)
            // Not the admin's own account, and not for anyone else.
            #expect(try await post(client, "/staff/users/admin", as: admin, ["action": "revoke"]).0 == .badRequest)
            #expect(try await post(client, "/staff/users/viewer", as: world.tokens["coordinator"]!, ["action": "revoke"]).0 == .forbidden)
            #expect(try await post(client, "/staff/users/khong-co", as: admin, ["action": "revoke"]).0 == .notFound)
        }
    }

    /// The registry upload adds good rows and lists the bad one by number; an edit is audited; a
    /// deactivated school's form stops taking entries and it is no longer counted as registered.
    @Test func anAdminKeepsTheSchoolRegistry() async throws {
        let world = try await StaffPagesTests.world()
        let admin = world.tokens["admin"]!
        let database = world.server.environment.database
        try await world.server.test { client in
            let csv = "code,name,ward,district,level\nTH-MOI,Trường Tiểu học Mới,Phường Mới,Quận Một,Tiểu học\nTH-SAI,,Phường Sai,Quận Một,primary\n"
            let uploaded = try await upload(client, "/staff/schools", as: admin, csv: csv)
            #expect(uploaded.0 == .unprocessableContent)
            #expect(uploaded.1.contains("Đã thêm 1 trường") && uploaded.1.contains("dòng 3"))
            #expect(try await database.school(code: "TH-MOI")?.name == "Trường Tiểu học Mới")
            #expect(try await database.school(code: "TH-SAI") == nil)
            #expect(try await upload(client, "/staff/schools", as: admin, csv: "").0 == .unprocessableContent)

            let empty = try await post(client, "/staff/schools/TH-MOI", as: admin,
                                       ["action": "save", "name": "", "ward": "Phường Hai", "district": "Quận Một", "level": "primary"])
            #expect(empty.0 == .unprocessableContent && empty.1.contains("id=\"e-name\"") && empty.1.contains("value=\"Phường Hai\""))
            #expect(try await database.school(code: "TH-MOI")?.ward == "Phường Mới", "nothing stored on a refusal")
            let saved = try await post(client, "/staff/schools/TH-MOI", as: admin,
                                       ["action": "save", "name": "Trường Tiểu học Mới", "ward": "Phường Hai", "district": "Quận Một", "level": "primary"])
            let ward = try await database.school(code: "TH-MOI")?.ward
            #expect(saved.0 == .ok && ward == "Phường Hai")
            #expect(try await audit(world.server, "school.edit").first?.contains("ward=Phường Mới") == true)

            let registered = try database.schoolCount()
            #expect(try await post(client, "/staff/schools/TH-MOI", as: admin, ["action": "deactivate"]).0 == .ok)
            let refused = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: "Em muốn có thêm cây xanh.", school: "TH-MOI"))
            #expect(refused.status == .unprocessableContent)
            #expect(Sample.errorCodes(refused.json)["school"] == "unknown_school")
            let summary = try await client.execute(uri: "/api/v1/summary", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                try JSONParser.parse(Data($0.body.readableBytesView))
            }
            #expect(summary.objectValue?["totals"]?.objectValue?["registeredSchools"] == .int(registered - 1))
            #expect(try await get(client, "/staff/schools", as: admin).1.contains("Ngừng hoạt động"))
            #expect(try await post(client, "/staff/schools/TH-MOI", as: admin, ["action": "activate"]).0 == .ok)
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: "Em muốn có thêm cây xanh.", school: "TH-MOI")).status
                    == .created)
            #expect(try await get(client, "/staff/schools", as: world.tokens["responder"]!).0 == .forbidden)
        }
    }

    /// Registering a unit below shows its secret once; a summary signed with it is taken, and
    /// after a rotation the old secret no longer verifies.
    @Test func anAdminRegistersAndRotatesASender() async throws {
        let world = try await StaffPagesTests.world()
        let admin = world.tokens["admin"]!
        try await world.server.test { client in
            let added = try await post(client, "/staff/senders", as: admin, ["code": "th-an-binh", "units": ""])
            #expect(added.0 == .created)
            let secret = try #require(added.1.firstMatch(of: /<code class="secret">([0-9a-f]{64})<\/code>/)?.1).description
            let list = try await get(client, "/staff/senders", as: admin)
            #expect(list.1.contains("TH-AN-BINH") && !list.1.contains(secret), "the secret shows once")
            #expect(try await post(client, "/staff/senders", as: admin, ["code": "TH-AN-BINH"]).0 == .unprocessableContent)
            #expect(try await post(client, "/staff/senders", as: admin, ["code": "có dấu"]).1.contains("id=\"e-code\""))

            func push(_ secret: String, key: String) async throws -> HTTPResponse.Status {
                let body = SummaryIntakeRouteTests.summary()
                return try await client.execute(
                    uri: "/api/v1/intake/summaries", method: .post,
                    headers: SummaryIntakeRouteTests.headers(body: body, key: key, secret: try UpstreamSecret(secret)),
                    body: ByteBuffer(bytes: body)) { $0.status }
            }
            #expect(try await push(secret, key: "k1") == .created)
            let rotated = try await post(client, "/staff/senders/TH-AN-BINH", as: admin, ["action": "rotate"])
            let fresh = try #require(rotated.1.firstMatch(of: /<code class="secret">([0-9a-f]{64})<\/code>/)?.1).description
            #expect(fresh != secret && rotated.1.contains("Khoá cũ đã hết hiệu lực"))
            #expect(try await push(secret, key: "k2") == .unauthorized)
            #expect(try await push(fresh, key: "k3") == .created)
            #expect(try await audit(world.server, "sender.add").count == 1)
            #expect(try await audit(world.server, "sender.rotate").count == 1)
            #expect(try await post(client, "/staff/senders/TH-AN-BINH", as: world.tokens["viewer"]!, ["action": "rotate"]).0 == .forbidden)
        }
    }

    /// The forms page lists the loaded forms and says what `forms check` says of the folder: a file
    /// broken after start-up is named with its line.
    @Test func theFormsPageShowsTheLoadedFormsAndTheCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiengnoi-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = TestServer.repositoryRoot.appendingPathComponent("forms")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let server = try TestServer(formsDirectory: folder.path)
        let admin = try server.staffToken("admin", role: .admin)
        let viewer = try server.staffToken("xem", role: .viewer)
        try await server.test { client in
            let page = try await get(client, "/staff/forms", as: admin)
            #expect(page.0 == .ok && page.1.contains("dien-dan-tre-em") && page.1.contains("Mọi tệp đều hợp lệ"))
            try "id: hong\nversion: nhieu\n".write(to: folder.appendingPathComponent("hong.yaml"), atomically: true, encoding: .utf8)
            let broken = try await get(client, "/staff/forms", as: admin)
            #expect(broken.1.contains("hong.yaml:") && !broken.1.contains("Mọi tệp đều hợp lệ"))
            #expect(try await get(client, "/staff/forms", as: viewer).0 == .forbidden)
        }
    }
}
