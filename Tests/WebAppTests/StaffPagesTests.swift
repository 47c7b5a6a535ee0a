import Analysis
import Events
import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Reports
import Summary
import Testing
@testable import WebApp

/// The staff workspace pages through the router: each role's rule (docs/security.md), the answer
/// form with its errors beside the fields, the safeguarding case page, the forced password change.
@Suite("Staff pages")
struct StaffPagesTests {
    static let swim = "Cháu mong có lớp dạy bơi miễn phí vào hè."
    static let disclosure = "Bố cháu say rượu về là đánh cháu bằng roi, người cháu toàn vết bầm, cháu sợ về nhà lắm."

    struct World {
        var server: TestServer
        var tokens: [String: String]
        var issue: String
        var held: String
    }

    static func world() async throws -> World {
        let server = try TestServer()
        let tokens = [
            "admin": try server.staffToken("admin", role: .admin),
            "responder": try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận"),
            "viewer": try server.staffToken("viewer", role: .viewer),
            "coordinator": try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH"),
            "officer": try server.staffToken("bvte", role: .viewer, safeguarding: true),
        ]
        try await server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: swim))
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: disclosure))
        }
        let held = try #require(try await server.environment.database.submissions().first { $0.voice == disclosure }).id
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
        return World(server: server, tokens: tokens, issue: try await server.issue(ofText: swim), held: held)
    }

    func get(_ client: any TestClientProtocol, _ path: String, as token: String) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)", .accept: "text/html"]) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }

    func post(_ client: any TestClientProtocol, _ path: String, as token: String, _ fields: [String: String])
        async throws -> (HTTPResponse.Status, String, HTTPFields)
    {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(uri: path, method: .post,
                                        headers: [.authorization: "Bearer \(token)", .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body)) { ($0.status, String(buffer: $0.body), $0.headers) }
    }

    /// The table of docs/security.md ("Staff pages"), requested as each role.
    @Test func eachPageAnswersEachRoleAsTheSecurityTableSays() async throws {
        let world = try await Self.world()
        let ok = HTTPResponse.Status.ok, no = HTTPResponse.Status.forbidden, absent = HTTPResponse.Status.notFound
        // A forum of the coordinator's school and one of another school, for the pages about one event.
        func forum(_ unit: String) async throws -> String {
            try await world.server.environment.events.add(
                EventDraft(kind: "school_forum", unit: unit, heldOn: "2026-11-20", attendance: .init(girls: 5, boys: 5)),
                kinds: world.server.environment.eventKinds, actor: "admin"
            ).id
        }
        let own = try await forum("TH-AN-BINH"), other = try await forum("TH-LE-LOI")
        let table: [(String, [String: HTTPResponse.Status])] = [
            ("/dashboard", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/answers", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/answers/issue/\(world.issue)", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/review", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/below", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/events", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/staff/events/\(own)/delegates", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/staff/events/\(other)/delegates", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": absent, "officer": ok]),
            ("/staff/reports", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/reports/file?kind=followup&format=html", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/staff/cases", ["admin": no, "responder": no, "viewer": no, "coordinator": no, "officer": ok]),
            ("/staff/cases/\(world.held)", ["admin": no, "responder": no, "viewer": no, "coordinator": no, "officer": ok]),
            ("/schools/TH-AN-BINH/entries", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/schools/TH-LE-LOI/entries", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/schools/TH-AN-BINH/poster", ["admin": ok, "responder": no, "viewer": no, "coordinator": ok, "officer": no]),
            ("/schools/TH-LE-LOI/poster", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/schools/TH-AN-BINH/import", ["admin": ok, "responder": no, "viewer": no, "coordinator": ok, "officer": no]),
            ("/schools/TH-LE-LOI/import", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/users", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/users/viewer", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/schools", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/schools/TH-AN-BINH", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/senders", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/staff/forms", ["admin": ok, "responder": no, "viewer": no, "coordinator": no, "officer": no]),
            ("/schools/TH-AN-BINH/dashboard", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/schools/TH-LE-LOI/dashboard", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
            ("/account/password", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/schools/TH-AN-BINH/answers", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/schools/TH-LE-LOI/answers", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": no, "officer": ok]),
        ]
        try await world.server.test { client in
            for (path, expected) in table {
                for (role, status) in expected {
                    let answer = try await get(client, path, as: world.tokens[role]!)
                    #expect(answer.0 == status, "\(role) \(path)")
                    // An absent value is left out, not rendered as Swift's "nil".
                    #expect(!answer.1.contains(">nil<"), "\(role) \(path)")
                    if status == .ok {
                        // Nobody without the permission learns the held child's words on any page.
                        if role != "officer" { #expect(!answer.1.contains("vết bầm"), "\(role) \(path)") }
                    }
                }
            }
            // The navigation shows only what the role may open.
            let viewerNav = try await get(client, "/staff/answers", as: world.tokens["viewer"]!).1
            #expect(!viewerNav.contains("/staff/cases") && viewerNav.contains("/dashboard"))
            #expect(try await get(client, "/staff/answers", as: world.tokens["officer"]!).1.contains("/staff/cases"))
            // A viewer reads the answer page without a form that changes anything.
            let readOnly = try await get(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["viewer"]!).1
            #expect(!readOnly.contains("method=\"post\" action=\"/staff/answers"))
            // Found by schemathesis: an unknown entry was a 500.
            #expect(try await post(client, "/staff/answers/entry/0", as: world.tokens["admin"]!, [:]).0 == .notFound)
            #expect(try await post(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["viewer"]!,
                                   ["status": "answered", "text": "x", "action": "publish"]).0 == .forbidden)
        }
    }

    @Test func cannotImplementWithoutAReasonIsRefusedBesideTheFieldAndTheInputKept() async throws {
        let world = try await Self.world()
        try await world.server.test { client in
            let queue = try await get(client, "/staff/answers", as: world.tokens["responder"]!)
            #expect(queue.1.contains(Self.swim) && queue.1.contains("/staff/answers/issue/\(world.issue)"))
            let refused = try await post(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!,
                                         ["status": "cannot_implement", "text": "Chưa có bể bơi gần trường", "action": "publish"])
            #expect(refused.0 == .unprocessableContent)
            #expect(refused.1.contains("id=\"e-reason\"") && refused.1.contains("phải ghi rõ nguyên nhân"))
            #expect(refused.1.contains("id=\"e-solution\""))
            #expect(refused.1.contains(">Chưa có bể bơi gần trường</textarea>"), "the text typed is kept")
            #expect(try await world.server.environment.database.answerVersions().isEmpty)
            let published = try await post(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!,
                                           ["status": "implemented", "text": "Hè này phường mở lớp bơi miễn phí", "action": "publish"])
            #expect(published.0 == .seeOther, "\(published.1.components(separatedBy: "field-error").dropFirst().map { $0.prefix(200) })")
            let sheet = try await get(client, "/schools/TH-AN-BINH/answers", as: world.tokens["coordinator"]!).1
            #expect(sheet.contains("Hè này phường mở lớp bơi miễn phí"))
            let page = try await get(client, published.2[.location]!, as: world.tokens["responder"]!).1
            #expect(page.contains("Đã công bố câu trả lời") && page.contains("Đã được đáp ứng, thực hiện"))
        }
    }

    @Test func anOfficerRecordsAReferralAndClosesTheCase() async throws {
        let world = try await Self.world()
        let officer = world.tokens["officer"]!
        try await world.server.test { client in
            let list = try await get(client, "/staff/cases", as: officer).1
            #expect(list.contains("/staff/cases/\(world.held)") && list.contains("Mới"))
            // The kind of harm is in the list and on the case, with what held the entry, in Vietnamese.
            #expect(list.contains("bạo lực thân thể"))
            let opened = try await get(client, "/staff/cases/\(world.held)", as: officer).1
            #expect(opened.contains("<strong class=\"case-category\">bạo lực thân thể</strong>"))
            #expect(opened.contains("bạo lực — chính người viết") && !opened.contains("violence:writer"))
            // No next step yet: said so, not an empty label (mustache opens a section for "" too).
            #expect(list.contains("Chưa ghi việc tiếp theo") && !list.contains("(hạn )"))
            let missing = try await post(client, "/staff/cases/\(world.held)", as: officer,
                                         ["status": "referred", "note": "Đã gọi cho cô chủ nhiệm"])
            #expect(missing.0 == .unprocessableContent && missing.1.contains("id=\"e-referral\""))
            #expect(missing.1.contains(">Đã gọi cho cô chủ nhiệm</textarea>"))
            let referred = try await post(client, "/staff/cases/\(world.held)", as: officer,
                                          ["status": "referred", "referredTo": "social_worker", "nextStep": "Gặp gia đình",
                                           "nextStepDue": "2026-12-10", "note": "Đã chuyển nhân viên công tác xã hội phường"])
            #expect(referred.0 == .seeOther)
            #expect(try await post(client, "/staff/cases/\(world.held)", as: officer,
                                   ["status": "closed", "note": "Em đã an toàn, ở với bà ngoại"]).0 == .seeOther)
            let page = try await get(client, "/staff/cases/\(world.held)", as: officer).1
            #expect(page.contains("Đã đóng") && page.contains("Nhân viên công tác xã hội") && page.contains("Em đã an toàn"))
        }
        let audited = try await world.server.environment.database.auditEntries(actor: "bvte").map(\.action)
        #expect(audited.filter { $0 == "safeguarding.case" }.count == 2)
        #expect(audited.contains("safeguarding.case.read") && audited.contains("safeguarding.read"))
        let queue = try await world.server.environment.database.heldEntries(school: nil)
        #expect(queue.first?.safeguardingHandledBy == "bvte", "closing the case marks the entry handled")
    }

    @Test func aOneTimePasswordMustBeChangedFirst() async throws {
        let server = try TestServer()
        let database = server.environment.database
        let user = try database.addUser(username: "quantri", passwordHash: Passwords.hash("mot-lan-abc-def"), role: .admin,
                                        school: nil, office: nil, safeguarding: false, mustChangePassword: true)
        let token = try database.issueToken(username: "quantri", label: "t").token
        try await server.test { client in
            let dashboard = try await get(client, "/dashboard", as: token)
            #expect(dashboard.0 == .seeOther && dashboard.2[.location] == "/account/password")
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
                == .forbidden)
            let weak = try await post(client, "/account/password", as: token, ["current": "mot-lan-abc-def", "new": "ngan", "again": "ngan"])
            #expect(weak.0 == .unprocessableContent && weak.1.contains("id=\"e-new\""))
            let changed = try await post(client, "/account/password", as: token,
                                         ["current": "mot-lan-abc-def", "new": "mat-khau-rieng-cua-toi", "again": "mat-khau-rieng-cua-toi"])
            #expect(changed.0 == .seeOther && changed.2[.location] == "/dashboard")
            #expect(try await get(client, "/dashboard", as: token).0 == .ok)
        }
        _ = user
        #expect(try database.user(username: "quantri")?.user.mustChangePassword == false)
    }

    /// The children's page of answers, from the form's link: the published answer with the issue's
    /// wording scrubbed of names, no draft, no held words; a wrong key finds no school.
    @Test func childrenSeeThePublishedAnswersOfTheirSchool() async throws {
        let world = try await Self.world()
        let link = try world.server.formPath("TH-AN-BINH")
        let answersPath = link.replacingOccurrences(of: "?k=", with: "/tra-loi?k=")
        try await world.server.test { client in
            let before = try await client.execute(uri: answersPath, method: .get) { String(buffer: $0.body) }
            #expect(before.contains("Chưa có câu trả lời nào"))
            _ = try await post(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!,
                               ["status": "answered", "text": "Nháp chưa xong", "action": "draft"])
            let drafted = try await client.execute(uri: answersPath, method: .get) { String(buffer: $0.body) }
            #expect(!drafted.contains("Nháp chưa xong"), "a draft is not shown to children")
            _ = try await post(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!,
                               ["status": "implemented", "text": "Hè này phường mở lớp bơi miễn phí", "action": "publish"])
            let page = try await client.execute(uri: answersPath, method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok)
            #expect(page.1.contains("Hè này phường mở lớp bơi miễn phí") && page.1.contains("dạy bơi miễn phí"))
            #expect(!page.1.contains("vết bầm"))
            let wrongKey = try await client.execute(uri: "/f/TH-AN-BINH/tra-loi?k=sai", method: .get) { $0.status }
            #expect(wrongKey == .notFound)
            let other = try world.server.formPath("TH-LE-LOI").replacingOccurrences(of: "?k=", with: "/tra-loi?k=")
            let otherPage = try await client.execute(uri: other, method: .get) { String(buffer: $0.body) }
            #expect(!otherPage.contains("Hè này phường mở lớp bơi miễn phí"), "another school's children do not see it")
        }
    }

    /// The admin adds a coordinator: a missing school is refused beside the field with the name
    /// kept; then the account exists with a one-time password shown once, audited under the admin.
    @Test func anAdminAddsACoordinatorWithAOneTimePassword() async throws {
        let world = try await Self.world()
        let admin = world.tokens["admin"]!
        try await world.server.test { client in
            let refused = try await post(client, "/staff/users", as: admin, ["username": "co-lan", "role": "coordinator", "school": ""])
            #expect(refused.0 == .unprocessableContent)
            #expect(refused.1.contains("id=\"e-school\"") && refused.1.contains("value=\"co-lan\""))
            #expect(try await world.server.environment.database.user(username: "co-lan") == nil)
            let added = try await post(client, "/staff/users", as: admin, ["username": "co-lan", "role": "coordinator", "school": "TH-LE-LOI"])
            #expect(added.0 == .created)
            let password = try #require(added.1.firstMatch(of: /class="secret">([a-z0-9-]+)</)?.1)
            let row = try #require(try world.server.environment.database.user(username: "co-lan"))
            #expect(row.user.role == .coordinator && row.user.school == "TH-LE-LOI" && row.user.mustChangePassword)
            #expect(Passwords.verify(String(password), hash: row.passwordHash))
            let again = try await get(client, "/staff/users", as: admin).1
            #expect(!again.contains(String(password)), "the password is shown once")
            let disabled = try await post(client, "/staff/users/co-lan", as: admin, ["action": "disable"])
            #expect(disabled.0 == .ok)
            #expect(try world.server.environment.database.user(username: "co-lan")?.disabled == true)
            let audited = try await world.server.environment.database.auditEntries(actor: "admin").map(\.action)
            #expect(audited.contains("user.add") && audited.contains("user.disable"), "\(audited)")
            #expect(try await post(client, "/staff/users/admin", as: admin, ["action": "disable"]).0 == .badRequest,
                    "an admin cannot lock themselves out")
            #expect(try await post(client, "/staff/users/co-lan", as: world.tokens["responder"]!, ["action": "reset"]).0 == .forbidden)
        }
    }

    /// A coordinator uploads typed-up paper forms: the preview stores nothing and lists the bad rows
    /// (grade 15, another school); confirming stores the good ones; the refused rows download
    /// as a CSV; the same file again adds nothing.
    @Test func aCoordinatorImportsPaperFormsWithAPreviewAndARejectsFile() async throws {
        let world = try await Self.world()
        let coordinator = world.tokens["coordinator"]!
        let csv = """
            STT;kind;text;grade;gender;school
            1;recommendation;Cháu mong sân trường có thêm cây xanh cho mát.;4;nu;
            2;question;Vì sao đường trước cổng trường hay bị ngập?;15;nam;
            3;recommendation;Em muốn thư viện mở cửa cả giờ ra chơi.;5;nu;TH-LE-LOI
            4;opinion;Em thích các buổi sinh hoạt Đội ngoài trời.;3;nam;TH-AN-BINH

            """
        let before = try await world.server.environment.database.countSubmissions()
        let boundary = "tiengnoi-test-boundary"
        let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phieu.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\u{FEFF}\(csv)\r\n--\(boundary)--\r\n"
        try await world.server.test { client in
            let preview = try await client.execute(
                uri: "/schools/TH-AN-BINH/import", method: .post,
                headers: [.authorization: "Bearer \(coordinator)", .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: multipart)) { ($0.status, String(buffer: $0.body)) }
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("2 dòng hợp lệ, 2 dòng lỗi"), "\(preview.1.prefix(3000))")
            #expect(preview.1.contains("Dòng 3") && preview.1.contains("Dòng 4") && preview.1.contains("trường khác"))
            #expect(!preview.1.contains("0 dòng có dấu hiệu"), "a zero count is not announced")
            #expect(try await world.server.environment.database.countSubmissions() == before, "a preview stores nothing")

            let rejects = try await post(client, "/schools/TH-AN-BINH/import/confirm", as: coordinator, ["content": csv, "action": "rejects"])
            #expect(rejects.2[.contentType]?.hasPrefix("text/csv") == true)
            #expect(rejects.2[.contentDisposition]?.contains("attachment") == true)
            #expect(rejects.1.contains("Vì sao đường trước cổng trường hay bị ngập?") && !rejects.1.contains("cây xanh"))

            let stored = try await post(client, "/schools/TH-AN-BINH/import/confirm", as: coordinator, ["content": csv, "action": "store"])
            #expect(stored.0 == .ok && stored.1.contains("Đã nhập 2 phiếu mới"))
            #expect(try await world.server.environment.database.countSubmissions() == before + 2)
            let again = try await post(client, "/schools/TH-AN-BINH/import/confirm", as: coordinator, ["content": csv, "action": "store"])
            #expect(again.1.contains("Đã nhập 0 phiếu mới") && again.1.contains("2 phiếu đã có từ trước"))
            #expect(try await world.server.environment.database.countSubmissions() == before + 2)
            let entries = try await world.server.environment.database.submissions()
            #expect(entries.contains { $0.voice == "Cháu mong sân trường có thêm cây xanh cho mát." && $0.schoolCode == "TH-AN-BINH" })
            #expect(!entries.contains { $0.voice.contains("thư viện mở cửa") }, "the row for another school was not stored")
            // The school's entries page shows them, filtered by kind; the held disclosure never.
            let all = try await get(client, "/schools/TH-AN-BINH/entries", as: coordinator).1
            #expect(all.contains("cây xanh cho mát") && all.contains("sinh hoạt Đội ngoài trời") && all.contains(Self.swim))
            #expect(!all.contains("vết bầm") && all.contains("phiếu giấy"))
            #expect(!all.contains("nhóm 0 em") && !all.contains("nhóm 1 em"))
            let opinions = try await get(client, "/schools/TH-AN-BINH/entries?kind=opinion", as: coordinator).1
            #expect(opinions.contains("sinh hoạt Đội ngoài trời") && !opinions.contains("cây xanh cho mát"))
            let future = try await get(client, "/schools/TH-AN-BINH/entries?from=2999-01-01", as: coordinator).1
            #expect(future.contains(">0 ý kiến<"))
            let blank = try await get(client, "/schools/TH-AN-BINH/entries?kind=&theme=&from=&to=", as: coordinator)
            #expect(blank.0 == .ok && blank.1.contains("cây xanh cho mát"), "blank filters mean no filter")
            let wrong = try await get(client, "/schools/TH-AN-BINH/entries?from=15-05-2026", as: coordinator)
            #expect(wrong.0 == .unprocessableContent && wrong.1.contains("id=\"e-from\"") && wrong.1.contains("value=\"15-05-2026\""))
            // Another school's import is refused to this coordinator.
            #expect(try await post(client, "/schools/TH-LE-LOI/import/confirm", as: coordinator, ["content": csv, "action": "store"]).0
                    == .forbidden)
        }
    }

    /// Signed in without a page to return to, a coordinator lands on their school's page, others on the dashboard.
    @Test func eachPersonLandsOnTheirOwnWork() {
        let coordinator = StaffUser(id: "1", username: "co", role: .coordinator, school: "TH-AN-BINH", office: nil, safeguarding: false)
        let viewer = StaffUser(id: "2", username: "xem", role: .viewer, school: nil, office: nil, safeguarding: false)
        #expect(StaffPage.home(for: coordinator) == "/schools/TH-AN-BINH/dashboard")
        #expect(StaffPage.home(for: viewer) == "/dashboard")
    }

    /// The poster carries the form's link with the current key and a QR code of it; rotating the
    /// key makes the old link stop opening the form, audited under the coordinator.
    @Test func thePosterCarriesTheLinkAndRotatingTheKeyRetiresIt() async throws {
        let world = try await Self.world()
        let coordinator = world.tokens["coordinator"]!
        let oldLink = try world.server.formPath("TH-AN-BINH")
        try await world.server.test { client in
            let poster = try await get(client, "/schools/TH-AN-BINH/poster", as: coordinator).1
            #expect(poster.contains(oldLink) && poster.contains("<svg"))
            #expect(try await client.execute(uri: oldLink, method: .get) { $0.status } == .ok)
            let rotated = try await post(client, "/schools/TH-AN-BINH/poster", as: coordinator, [:])
            #expect(rotated.0 == .seeOther)
            #expect(try await client.execute(uri: oldLink, method: .get) { $0.status } == .notFound, "the old link is retired")
            let newLink = try world.server.formPath("TH-AN-BINH")
            #expect(newLink != oldLink)
            let again = try await get(client, rotated.2[.location]!, as: coordinator).1
            #expect(again.contains(newLink) && again.contains("Đã đổi mã khoá"))
            let audited = try await world.server.environment.database.auditEntries(action: "link.rotate").map(\.actor)
            #expect(audited.contains("co-an-binh"))
        }
    }

    /// The QR code libqrencode makes is a real symbol: finder patterns in three corners.
    @Test func theQRSymbolHasItsFinderPatterns() throws {
        let symbol = try #require(QRSymbol("http://127.0.0.1:8080/f/TH-AN-BINH?k=0123456789abcdef0123"))
        #expect(symbol.width >= 21 && (symbol.width - 17) % 4 == 0)
        for (x0, y0) in [(0, 0), (symbol.width - 7, 0), (0, symbol.width - 7)] {
            for i in 0..<7 {
                #expect(symbol.isDark(x: x0 + i, y: y0) && symbol.isDark(x: x0 + i, y: y0 + 6))
                #expect(symbol.isDark(x: x0, y: y0 + i) && symbol.isDark(x: x0 + 6, y: y0 + i))
            }
            #expect(!symbol.isDark(x: x0 + 1, y: y0 + 1) && symbol.isDark(x: x0 + 3, y: y0 + 3))
        }
    }

    /// The theme review queue: a child's choice the model disagrees with is listed; one click files
    /// it under the model's theme, it leaves the queue, and the correction is audited. A viewer reads
    /// the queue without buttons and cannot post.
    @Test func aResponderCorrectsAThemeFromTheReviewQueue() async throws {
        let world = try await Self.world()
        let text = "Em hay bị người lạ nhắn tin trên mạng xã hội đòi gửi ảnh, em muốn được học cách chặn và báo cáo tài khoản xấu."
        try await world.server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: text, extra: #", "theme": "climate_disaster_epidemic""#))
        }
        try await AnalysisPass(database: world.server.environment.database, forms: world.server.environment.forms).run()
        let queued = try ReviewQueue.items(world.server.environment.database, limit: 100)
        let item = try #require(queued.first { $0.text == text }, "the disagreement is in the queue: \(queued.map(\.text))")
        try await world.server.test { client in
            let page = try await get(client, "/staff/review", as: world.tokens["responder"]!).1
            #expect(page.contains(text) && page.contains("value=\"\(item.predicted)\""))
            #expect(!page.contains("vết bầm"))
            let readOnly = try await get(client, "/staff/review", as: world.tokens["viewer"]!).1
            #expect(readOnly.contains(text) && !readOnly.contains("action=\"/staff/review/"))
            #expect(try await post(client, "/staff/review/\(item.submission)", as: world.tokens["viewer"]!, ["theme": item.predicted]).0 == .forbidden)
            let refused = try await post(client, "/staff/review/\(item.submission)", as: world.tokens["responder"]!, ["theme": "khong-co"])
            #expect(refused.0 == .unprocessableContent)
            let saved = try await post(client, "/staff/review/\(item.submission)", as: world.tokens["responder"]!, ["theme": item.predicted])
            #expect(saved.0 == .seeOther)
        }
        let after = try ReviewQueue.items(world.server.environment.database, limit: 100)
        #expect(!after.contains { $0.submission == item.submission })
        let audited = try await world.server.environment.database.auditEntries(action: "theme.correct").map(\.actor)
        #expect(audited == ["phong-gd"])
    }

    /// The units below: the one that sent nothing is listed first; the one that sent twice shows its
    /// latest totals and the change since the summary before.
    @Test func theDistrictSeesWhoSentAndWhoSentNothing() async throws {
        let world = try await Self.world()
        let database = world.server.environment.database
        _ = try database.addSender(code: "TH-AN-BINH", secret: "district-and-school-share-this")
        _ = try database.addSender(code: "TH-LE-LOI", secret: "district-and-school-share-that")
        func summary(_ entries: Int, _ at: String) throws -> Data {
            try JSONEncoder().encode(Summary(
                unit: "TH-AN-BINH", generatedAt: at, forms: [],
                totals: .init(entries: entries, consultations: entries + 2, activeSchools: 1, registeredSchools: 1, safeguardingHeld: 0),
                tallies: [:], issues: [], includes: []))
        }
        _ = try await database.storeReceivedSummary(sender: "TH-AN-BINH", idempotencyKey: "a1", payload: try summary(4, "2026-05-10T08:00:00.000Z"),
                                                    generatedAt: "2026-05-10T08:00:00.000Z")
        _ = try await database.storeReceivedSummary(sender: "TH-AN-BINH", idempotencyKey: "a2", payload: try summary(9, "2026-05-20T08:00:00.000Z"),
                                                    generatedAt: "2026-05-20T08:00:00.000Z")
        try await world.server.test { client in
            let page = try await get(client, "/staff/below", as: world.tokens["viewer"]!).1
            #expect(page.contains(">1 đơn vị chưa gửi<"))
            let silent = try #require(page.range(of: "data-unit=\"TH-LE-LOI\""))
            let sent = try #require(page.range(of: "data-unit=\"TH-AN-BINH\""))
            #expect(silent.lowerBound < sent.lowerBound, "who sent nothing comes first")
            #expect(page.contains("chưa gửi lần nào") && page.contains("2 lần") && page.contains("9 ý kiến"))
            #expect(page.contains("ý kiến +5, lượt +5"))
        }
    }

    /// An issue's page names the issues of its theme worded most like it, before larger ones that
    /// ask something else, and offers them first in the merge list; a viewer sees no suggestion.
    @Test func anIssuePageSuggestsTheIssueWordedMostLikeIt() async throws {
        let world = try await Self.world()
        let bump = "Đề nghị làm gờ giảm tốc trước cổng trường để xe đi chậm lại."
        let sameAsk = "Hè này bọn em đi bơi ở sông nhiều lắm, mong phường cử người trông các bạn khi bơi."
        try await world.server.test { client in
            for text in [bump, bump, bump, sameAsk] { _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: text)) }
        }
        try await AnalysisPass(database: world.server.environment.database, forms: world.server.environment.forms).run()
        let larger = try await world.server.issue(ofText: bump)
        let similar = try await world.server.issue(ofText: sameAsk)
        try #require(similar != world.issue && larger != world.issue, "the test needs three issues")
        try await world.server.test { client in
            let page = try await get(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!).1
            let suggestions = try #require(page.range(of: "id=\"suggestions\""), "the page names suggestions")
            let suggestedLink = try #require(page.range(of: "href=\"/staff/answers/issue/\(similar)\""))
            #expect(suggestions.lowerBound < suggestedLink.lowerBound)
            let firstOption = try #require(page.range(of: "<option value=\""))
            #expect(page[firstOption.upperBound...].hasPrefix(similar + "\">Gợi ý: "), "the suggestion is the first merge target")
            let largerOption = try #require(page.range(of: "<option value=\"\(larger)\""), "larger issues are still offered")
            #expect(firstOption.lowerBound < largerOption.lowerBound)
            let viewerPage = try await get(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["viewer"]!).1
            #expect(!viewerPage.contains("id=\"suggestions\""))
            // One press merges it into the suggestion: the suggestion carries its own merge form.
            let list = page[suggestions.lowerBound...].components(separatedBy: "</ul>")[0]
            #expect(list.contains("action=\"/staff/issues/\(world.issue)/merge\"") && list.contains("name=\"into\" value=\"\(similar)\""))
            let merged = try await post(client, "/staff/issues/\(world.issue)/merge", as: world.tokens["responder"]!, ["into": similar])
            #expect(merged.0 == .seeOther)
            #expect(try await world.server.environment.database.entries(ofIssue: similar).count == 2)
        }
    }

    /// A request the child filed under another theme is still suggested, marked as of another theme;
    /// one press brings its entries into this issue and its theme.
    @Test func aSuggestionOfAnotherThemeSaysSoAndMergingBringsItsEntriesHere() async throws {
        let world = try await Self.world()
        let sameAsk = "Nhóm em đề xuất mở lớp học bơi không mất tiền cho học sinh."
        try await world.server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: sameAsk, extra: ", \"theme\": \"other\""))
        }
        let database = world.server.environment.database
        try await AnalysisPass(database: database, forms: world.server.environment.forms).run()
        let other = try await world.server.issue(ofText: sameAsk)
        try #require(other != world.issue)
        func otherThemeCount() async throws -> Int {
            let summary = try await SummaryBuilder(database: database, forms: world.server.environment.forms,
                                                   targets: world.server.environment.targets, unit: "Q").build()
            return summary.tallies["theme"]?["other"]?.entries ?? 0
        }
        #expect(try await otherThemeCount() == 1, "the child filed it under «other»")
        try await world.server.test { client in
            let page = try await get(client, "/staff/answers/issue/\(world.issue)", as: world.tokens["responder"]!).1
            let suggestions = try #require(page.range(of: "id=\"suggestions\""))
            let list = page[suggestions.lowerBound...].components(separatedBy: "</ul>")[0]
            #expect(list.contains("href=\"/staff/answers/issue/\(other)\"") && list.contains("Chủ đề khác: Vấn đề khác"))
            let merged = try await post(client, "/staff/issues/\(other)/merge", as: world.tokens["responder"]!, ["into": world.issue])
            #expect(merged.0 == .seeOther)
        }
        #expect(try await world.server.issue(ofText: sameAsk) == world.issue)
        // Counted under this issue's theme now: the summary sent upward has nothing left in "other".
        #expect(try await otherThemeCount() == 0)
    }

    /// A wrong merge put a child who asked for street lights among the swimming lessons: the next
    /// officer to open the issue sees that entry first, marked as unlike the rest, splits it out,
    /// and the mark is gone.
    @Test func anEntryUnlikeTheRestIsListedFirstAndMarkedUntilSplitOut() async throws {
        let world = try await Self.world()
        let light = "Đề nghị lắp đèn đường ở ngõ tối gần trường em."
        try await world.server.test { client in
            for _ in 0..<2 { _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.swim)) }
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: light))
        }
        let database = world.server.environment.database
        try await AnalysisPass(database: database, forms: world.server.environment.forms).run()
        let lightIssue = try await world.server.issue(ofText: light)
        try #require(lightIssue != world.issue)
        let responder = world.tokens["responder"]!
        @Sendable func children(_ page: String) throws -> [String] {
            let list = try #require(page.range(of: "id=\"children\""))
            return page[list.upperBound...].components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").dropFirst().map { $0 }
        }
        try await world.server.test { client in
            let before = try await get(client, "/staff/answers/issue/\(world.issue)", as: responder).1
            #expect(!before.contains("Ít giống các ý kiến còn lại"), "three children asking the same thing: nothing marked")
            #expect(try await post(client, "/staff/issues/\(lightIssue)/merge", as: responder, ["into": world.issue]).0 == .seeOther)
            let page = try await get(client, "/staff/answers/issue/\(world.issue)", as: responder).1
            let entries = try children(page)
            #expect(entries.count == 4)
            #expect(entries.first?.contains(light) == true && entries.first?.contains("Ít giống các ý kiến còn lại") == true,
                    "the street light comes first, marked: \(entries.first ?? "")")
            #expect(entries.dropFirst().allSatisfy { $0.contains(Self.swim) && !$0.contains("Ít giống") })
            #expect(page.contains("1 ý kiến ít giống các ý kiến còn lại được xếp lên đầu"))
            let lightEntry = try #require(try await database.entries(ofIssue: world.issue).first { $0.voice == light }).id
            #expect(try await post(client, "/staff/issues/\(world.issue)/split", as: responder, ["entry": lightEntry]).0 == .seeOther)
            let after = try await get(client, "/staff/answers/issue/\(world.issue)", as: responder).1
            #expect(try children(after).count == 3 && !after.contains("Ít giống các ý kiến còn lại"))
        }
    }

    /// Split the ticked entries out of an issue into a new one, then merge it back: the counts follow,
    /// both edits are audited, and a viewer can do neither.
    @Test func aResponderSplitsAnIssueAndMergesItBack() async throws {
        let world = try await Self.world()
        try await world.server.test { client in
            for _ in 0..<2 { _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: Self.swim)) }
        }
        try await AnalysisPass(database: world.server.environment.database, forms: world.server.environment.forms).run()
        let database = world.server.environment.database
        let issue = try await world.server.issue(ofText: Self.swim)
        let members = try await database.entries(ofIssue: issue)
        #expect(members.count == 3)
        let responder = world.tokens["responder"]!
        try await world.server.test { client in
            let page = try await get(client, "/staff/answers/issue/\(issue)", as: responder).1
            #expect(page.contains("name=\"entry\" value=\"\(members[0].id)\""))
            let viewerPage = try await get(client, "/staff/answers/issue/\(issue)", as: world.tokens["viewer"]!).1
            #expect(!viewerPage.contains("/split") && !viewerPage.contains("/merge"))
            #expect(try await post(client, "/staff/issues/\(issue)/split", as: world.tokens["viewer"]!, ["entry": members[0].id]).0
                    == .forbidden)
            let nothing = try await post(client, "/staff/issues/\(issue)/split", as: responder, [:])
            #expect(nothing.0 == .unprocessableContent && nothing.1.contains("id=\"e-entry\""))
            let split = try await post(client, "/staff/issues/\(issue)/split", as: responder, ["entry": members[0].id])
            #expect(split.0 == .seeOther)
            let created = try #require(split.2[.location]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(try await database.entries(ofIssue: created).map(\.id) == [members[0].id])
            #expect(try await database.entries(ofIssue: issue).count == 2)
            // Worded alike, but a person split them: neither page suggests undoing it; the merge
            // list still offers the other, for a person who changes their mind.
            for (page, other) in [(created, issue), (issue, created)] {
                let text = try await get(client, "/staff/answers/issue/\(page)", as: responder).1
                #expect(!text.contains("id=\"suggestions\"") && !text.contains("Gợi ý: "), "\(page)")
                #expect(text.contains("<option value=\"\(other)\""))
            }
            let merged = try await post(client, "/staff/issues/\(created)/merge", as: responder, ["into": issue])
            #expect(merged.0 == .seeOther && merged.2[.location]?.contains(issue) == true)
            #expect(try await database.entries(ofIssue: issue).count == 3)
        }
        let audited = try await database.auditEntries(actor: "phong-gd").map(\.action)
        #expect(audited.contains("issue.split") && audited.contains("issue.merge"))
    }
}
