import Analysis
import Answers
import Forms
import Forwarder
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Reports
import Storage
import Summary
import Testing

@testable import WebApp

@Suite("Answer routes: staff API, the signed feed down, the school's answer sheet")
struct AnswerRouteTests {
    static let secret = try! UpstreamSecret("district-and-school-share-this")

    func analyse(_ server: TestServer) async throws {
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
    }

    func issue(of text: String, _ server: TestServer) async throws -> String {
        try await server.issue(ofText: text)
    }

    func send(
        _ client: any TestClientProtocol, as token: String? = nil, _ method: HTTPRequest.Method, _ uri: String,
        _ body: String? = nil, headers: HTTPFields = [:]
    )
        async throws -> (status: HTTPResponse.Status, json: JSONValue?, text: String)
    {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if body != nil { fields[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) {
            let text = String(buffer: $0.body)
            return ($0.status, try? JSONParser.parse(Data(text.utf8)), text)
        }
    }

    @Test func staffRoutesNeedSignInAndTheRightRole() async throws {
        let server = try TestServer()
        let viewer = try server.staffToken("viewer", role: .viewer)
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let responder = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let swim = "Cháu mong có lớp dạy bơi miễn phí vào hè."
        try await server.test { client in
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/v1/answers/items"), (.get, "/api/v1/answers/overdue"),
                (.get, "/api/v1/answers/share"), (.put, "/api/v1/answers/issues/x"),
                (.post, "/api/v1/answers/drafts/x/publish"),
            ] {
                let answer = try await send(client, method, uri, method == .get ? nil : "{}")
                #expect(answer.status == .unauthorized, "\(uri)")
                #expect(answer.json?.objectValue?["message_vi"]?.stringValue?.isEmpty == false)
            }
            // A browser without a login is sent to sign in before it sees children's words.
            let sheet = try await send(client, .get, "/schools/TH-AN-BINH/answers")
            #expect(sheet.status == .seeOther)

            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: swim)).status == .created)
            try await analyse(server)
            let uri = "/api/v1/answers/issues/\(try await issue(of: swim, server))"
            let body = #"{"status": "answered", "text": "Phường sẽ mở lớp bơi vào hè"}"#
            // A viewer reads the work list but cannot answer.
            #expect(try await send(client, as: viewer, .get, "/api/v1/answers/items").status == .ok)
            #expect(try await send(client, as: viewer, .put, uri, body).status == .forbidden)
            // A coordinator sees their own school only, and not the unit's share.
            #expect(
                try await send(client, as: coordinator, .get, "/api/v1/answers/items").json?
                    .objectValue?["count"] == .int(1))
            #expect(try await send(client, as: coordinator, .get, "/api/v1/answers/items?school=TH-HOA-BINH").status == .forbidden)
            #expect(try await send(client, as: coordinator, .get, "/api/v1/answers/share").status == .forbidden)
            #expect(try await send(client, as: coordinator, .get, "/schools/TH-HOA-BINH/answers").status == .forbidden)
            #expect(try await send(client, as: coordinator, .get, "/schools/TH-AN-BINH/answers").status == .ok)
            // A responder answers for their own office, and the publication is audited.
            let answered = try await send(client, as: responder, .put, uri, body)
            #expect(answered.status == .ok)
            #expect(answered.json?.objectValue?["answer"]?.objectValue?["office"] == .string("Phòng GD&ĐT quận"))
        }
        let audited = try await server.environment.database.auditEntries(action: "answer.publish").map(\.actor)
        #expect(audited == ["phong-gd"])
    }

    @Test func setRefusePublishAndList() async throws {
        let server = try TestServer()
        let swim = "Cháu mong có lớp dạy bơi miễn phí vào hè."
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: swim)).status == .created)
            try await analyse(server)
            let issue = try await issue(of: swim, server)
            let uri = "/api/v1/answers/issues/\(issue)"

            // "Cannot implement" without the reason and the solution: refused, both named, nothing stored.
            let refused = try await send(
                client, as: admin, .put, uri, #"{"status": "cannot_implement", "text": "Chưa được", "office": "Phòng GD&ĐT quận"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json?.objectValue?["error"] == .string("invalid_answer"))
            #expect(Sample.errorCodes(refused.json) == ["reason": "missing_required", "solution": "missing_required"])
            #expect(refused.json?.objectValue?["message_en"]?.stringValue?.isEmpty == false)
            let wrongType = try await send(client, as: admin, .put, uri, #"{"status": "answered", "text": 5, "colour": "red"}"#)
            #expect(Sample.errorCodes(wrongType.json) == ["text": "wrong_type", "colour": "unknown_field"])
            #expect(
                try await send(client, as: admin, .put, "/api/v1/answers/issues/nope", #"{"status": "answered", "text": "x", "office": "P"}"#)
                    .status == .notFound)

            // A draft first: listed with the draft, nothing published.
            let draft = try await send(
                client, as: admin, .put, uri,
                """
                {"status": "implemented", "text": "Hè này phường mở lớp bơi miễn phí", "office": "Phòng GD&ĐT quận",
                 "draft": true, "dueDate": "2025-07-15"}
                """)
            #expect(draft.status == .ok)
            let answer = try #require(draft.json?.objectValue?["answer"]?.objectValue)
            #expect(answer["draft"] == .bool(true) && answer["publishedAt"] == .null)
            let id = try #require(answer["id"]?.stringValue)
            var items = try await send(client, as: admin, .get, "/api/v1/answers/items?school=th-an-binh").json
            var item = try #require(items?.objectValue?["items"]?.arrayValue?.first?.objectValue)
            #expect(item["status"] == .string("unanswered") && item["published"] == .null)
            #expect(item["draft"]?.objectValue?["id"] == .string(id) && item["dueDate"] == .string("2025-07-15"))

            let published = try await send(client, as: admin, .post, "/api/v1/answers/drafts/\(id)/publish")
            #expect(published.status == .ok)
            #expect(published.json?.objectValue?["answer"]?.objectValue?["draft"] == .bool(false))
            items = try await send(client, as: admin, .get, "/api/v1/answers/items?status=implemented").json
            item = try #require(items?.objectValue?["items"]?.arrayValue?.first?.objectValue)
            #expect(item["office"] == .string("Phòng GD&ĐT quận") && item["overdue"] == .bool(false))
            for query in ["status=maybe", "overdue=maybe", "limit=0", "limit=5001"] {
                #expect(try await send(client, as: admin, .get, "/api/v1/answers/items?\(query)").status == .badRequest, "\(query)")
            }

            let share = try #require(try await send(client, as: admin, .get, "/api/v1/answers/share").json?.objectValue)
            #expect(share["asked"] == .int(1) && share["answered"] == .int(1))
            #expect(
                share["targets"]?.arrayValue?.first?.objectValue?["current"] == .int(100)
                    || share["targets"]?.arrayValue?.first?.objectValue?["current"] == .double(100))
            let overdue = try await send(client, as: admin, .get, "/api/v1/answers/overdue").json
            #expect(overdue?.objectValue?["offices"]?.arrayValue == [])
        }
    }

    func signed(sender: String = "TH-AN-BINH", secret: UpstreamSecret = secret, age: Int64 = 0) -> HTTPFields {
        let timestamp = Int64(Date().timeIntervalSince1970) - age
        var fields: HTTPFields = [:]
        fields[SummaryIntakeController.senderHeader] = sender
        fields[SummaryIntakeController.timestampHeader] = String(timestamp)
        fields[SummaryIntakeController.signatureHeader] = RequestSignature.sign(
            secret: secret, sender: sender, idempotencyKey: "",
            timestamp: timestamp, body: Data())
        return fields
    }

    @Test func theFeedIsSignedAndCarriesOnlyTheSendersIssues() async throws {
        let server = try TestServer()
        let database = server.environment.database
        try await server.test { client in
            let off = try await send(client, .get, "/api/v1/answers?since=0", headers: signed())
            #expect(off.status == .notFound && off.json?.objectValue?["error"] == .string("intake_off"))
        }
        try database.addSender(code: "TH-AN-BINH", secret: Self.secret.text)
        let issue = "5d0c0000-0000-4000-8000-000000000001"
        let summary = Summary(
            unit: "TH-AN-BINH", generatedAt: "2025-06-15T08:00:00.000Z", forms: [],
            totals: .init(entries: 1, consultations: 1, activeSchools: 1, registeredSchools: 1, safeguardingHeld: 0),
            tallies: [:],
            issues: [
                .init(
                    id: issue, theme: "injury_accident", representative: "Rào ao",
                    entries: 1, participants: 1, schools: ["TH-AN-BINH"],
                    origin: "TH-AN-BINH")
            ], includes: [])
        _ = try await database.storeReceivedSummary(
            sender: "TH-AN-BINH", idempotencyKey: "k", payload: try JSONEncoder().encode(summary),
            generatedAt: "2025-06-15T08:00:00.000Z")
        let version = try await AnswerStore(database: database).set(
            AnswerRequest(
                target: .issue(issue), status: "implemented", text: "Đã làm rào", office: "UBND phường"))
        try await server.test { client in
            let page = try await send(client, .get, "/api/v1/answers?since=0", headers: signed())
            #expect(page.status == .ok)
            let answers = try #require(page.json?.objectValue?["answers"]?.arrayValue)
            #expect(answers.map { $0.objectValue?["id"] } == [.string(version.id)])
            #expect(page.json?.objectValue?["next"] == .int(1) && page.json?.objectValue?["more"] == .bool(false))

            #expect(try await send(client, .get, "/api/v1/answers?since=0").json?.objectValue?["error"] == .string("missing_header"))
            let forged = try await send(
                client, .get, "/api/v1/answers?since=0",
                headers: signed(secret: try UpstreamSecret("somebody-elses-secret-value")))
            #expect(forged.status == .unauthorized && forged.json?.objectValue?["error"] == .string("bad_signature"))
            let stale = try await send(client, .get, "/api/v1/answers?since=0", headers: signed(age: 600))
            #expect(stale.json?.objectValue?["error"] == .string("stale_timestamp"))
            for query in ["since=-1", "limit=0", "limit=1001", "since=x"] {
                #expect(try await send(client, .get, "/api/v1/answers?\(query)", headers: signed()).status == .badRequest, "\(query)")
            }
        }
    }

    @Test func theAnswerSheetEscapesChildrenWordsAndShowsOnlyPublishedAnswers() async throws {
        let server = try TestServer()
        let hostile = "<script>alert(1)</script> Cháu muốn hỏi bao giờ có bể bơi ạ"
        let plain = "Thư viện trường cần thêm nhiều sách truyện tranh"
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: hostile)).status == .created)
            #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: plain)).status == .created)
            try await analyse(server)
            let store = AnswerStore(database: server.environment.database)
            try await store.set(
                AnswerRequest(
                    target: .issue(try await issue(of: hostile, server)), status: "cannot_implement",
                    text: "Chưa xây được bể bơi <b>năm nay</b>", office: "Phòng GD&ĐT quận",
                    reason: "Chưa có đất", solution: "Học bơi ở bể của quận"))
            try await store.set(
                AnswerRequest(
                    target: .issue(try await issue(of: plain, server)), status: "answered",
                    text: "BẢN NHÁP CHƯA DUYỆT", office: "Thư viện quận", draft: true))
            let page = try await send(client, as: admin, .get, "/schools/th-an-binh/answers")
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.text.contains("<script"))
            #expect(page.text.contains("Chưa xây được bể bơi &lt;b&gt;năm nay&lt;/b&gt;"))
            #expect(page.text.contains("Chưa thể thực hiện") && page.text.contains("Nguyên nhân: Chưa có đất"))
            #expect(page.text.contains("Giải pháp đề xuất: Học bơi ở bể của quận"))
            #expect(!page.text.contains("BẢN NHÁP") && page.text.contains("Đang chờ trả lời"))
            #expect(page.text.components(separatedBy: "Phòng GD&amp;ĐT quận").count == 2)
            #expect(try await send(client, as: admin, .get, "/schools/KHONG-CO/answers").status == .notFound)
        }
    }
}
