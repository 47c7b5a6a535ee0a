import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WebApp

@Suite("The children's form at /f/{school}")
struct ChildFormRouteTests {
    static let clientID = "5b0f6c2e-1d3a-4c8b-9e7f-0a1b2c3d4e5f"

    @Test func formIsDrawnFromItsDefinition() async throws {
        let server = try TestServer()
        let form = try #require(server.environment.forms.latest(id: "dien-dan-tre-em"))
        try await server.test { client in
            let page = try await client.getPage(try server.formPath("th-an-binh"))
            #expect(page.status == .ok)
            #expect(page.contentType.hasPrefix("text/html"))
            #expect(page.html.contains("Trường Tiểu học An Bình"))
            // Every theme with its child-friendly sentence, every field but the school as an input.
            for theme in form.themes {
                #expect(page.html.contains(theme.name.vi.htmlEscaped))
                #expect(page.html.contains(theme.description.vi.htmlEscaped))
            }
            for field in form.fields where field.role != .school {
                #expect(page.html.contains("name=\"\(field.id)\""), "field \(field.id) is not on the page")
                #expect(page.html.contains(field.label.vi.htmlEscaped))
            }
            #expect(page.html.contains(#"<input type="hidden" name="school" value="TH-AN-BINH""#))
            #expect(page.html.contains(#"href="tel:111""#))
            #expect(page.html.contains("không kèm tên"))
            // A fresh id is printed into each page, so a double tap on «Gửi» stores one entry.
            let id = try #require(page.hiddenValue("_id"))
            #expect(UUID(uuidString: id) != nil)
            let again = try await client.getPage(try server.formPath("TH-AN-BINH"))
            #expect(again.hiddenValue("_id") != id)
            // Nothing from elsewhere: every file the page uses is served by TiengNoi.
            #expect(!page.html.contains("http://") && !page.html.contains("https://"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }

    @Test func unknownSchoolIsAFriendly404() async throws {
        let server = try TestServer()
        try await server.test { client in
            let page = try await client.getPage("/f/KHONG-CO-TRUONG?k=abc")
            #expect(page.status == .notFound)
            #expect(page.contentType.hasPrefix("text/html"))
            #expect(page.html.contains("Chưa tìm thấy trường của em"))
            #expect(page.html.contains("KHONG-CO-TRUONG"))
            #expect(page.html.contains("111"))
            #expect(!page.html.contains("<form"))
        }
    }

    @Test func plainPostStoresOnceAndThanks() async throws {
        let server = try TestServer()
        let body = Self.body([
            "kind": "question", "theme": "injury_accident", "text": "Bao giờ trường có bể bơi ạ?",
            "grade": "5", "gender": "nu", "consent": "on",
        ])
        try await server.test { client in
            let first = try await client.postForm(try server.formPath("TH-AN-BINH"), body)
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == (try server.thanksPath("TH-AN-BINH")))
            // The same page sent twice (a double tap, a reload): the same id, nothing added.
            let second = try await client.postForm(try server.formPath("TH-AN-BINH"), body)
            #expect(second.status == .seeOther)

            let thanks = try await client.getPage(try server.thanksPath("TH-AN-BINH"))
            #expect(thanks.status == .ok)
            #expect(thanks.html.contains("Cảm ơn em"))
            #expect(thanks.html.contains("href=\"\(try server.formPath("TH-AN-BINH"))\""))
            #expect(thanks.html.contains("Viết thêm ý kiến"))
        }
        let row = try await server.environment.database.submissions().first
        #expect(try server.storedCount() == 1)
        #expect(row?.id == Self.clientID)
        #expect(row?.schoolCode == "TH-AN-BINH")
        #expect(row?.source == "web")
        #expect(row?.voice == "Bao giờ trường có bể bơi ạ?")
        #expect(row?.grade == 5)
        let answers = try #require(row?.answers)
        #expect(answers.contains(#""consent":true"#))
        #expect(answers.contains(#""theme":"injury_accident""#))
    }

    @Test func schoolComesFromTheAddressNotTheBody() async throws {
        let server = try TestServer()
        let body = Self.body(["school": "THCS-PHU-MY", "kind": "opinion", "text": "Em thích thư viện mới"])
        try await server.test { client in
            let response = try await client.postForm(try server.formPath("TH-AN-BINH"), body)
            #expect(response.status == .seeOther)
        }
        let school = try await server.environment.database.submissions().first?.schoolCode
        #expect(school == "TH-AN-BINH")
    }

    @Test func refusedEntryComesBackWithErrorsBesideFieldsAndTextKept() async throws {
        let server = try TestServer()
        let script = "<script>alert(1)</script> cần hàng rào quanh ao"
        try await server.test { client in
            let refused = try await client.postForm(
                try server.formPath("TH-AN-BINH"),
                Self.body([
                    "kind": "recommendation", "text": script, "grade": "40", "name": "Lan & \"Mai\"", "gender": "nam",
                ]))
            #expect(refused.status == .unprocessableContent)
            // The error sits inside the grade field's box, in Vietnamese.
            let grade = try #require(refused.fieldBox("grade"))
            #expect(grade.contains("field-error"))
            #expect(grade.contains("ngoài khoảng cho phép"))
            #expect(grade.contains(#"value="40""#))
            #expect(refused.fieldBox("text")?.contains("field-error") == false)
            // What the child typed is back, escaped: shown as text, never run.
            #expect(refused.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; cần hàng rào quanh ao</textarea>"))
            #expect(!refused.html.contains("<script>alert(1)"))
            #expect(refused.html.contains(#"value="Lan &amp; &quot;Mai&quot;""#))
            #expect(refused.fieldBox("gender")?.contains(#"value="nam" checked"#) == true)
            #expect(refused.fieldBox("kind")?.contains(#"value="recommendation" checked"#) == true)
            // The same id stays, so the corrected entry is still stored once.
            #expect(refused.hiddenValue("_id") == Self.clientID)

            let empty = try await client.postForm(try server.formPath("TH-AN-BINH"), Self.body(["kind": "opinion", "text": "  ", "name": "Lan"]))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.fieldBox("text")?.contains("Chưa điền «Điều em muốn nói»") == true)
            #expect(empty.html.contains(#"value="Lan""#))
            #expect(empty.html.contains("error-summary"))

            let fixed = try await client.postForm(try server.formPath("TH-AN-BINH"), Self.body(["kind": "recommendation", "text": script]))
            #expect(fixed.status == .seeOther)
        }
        let stored = try await server.environment.database.submissions().first?.voice
        #expect(try server.storedCount() == 1)
        #expect(stored == script)
    }

    @Test func pageReusedAfterSendingKeepsTheNewTextUnderANewId() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.postForm(try server.formPath("TH-AN-BINH"), Self.body(["kind": "opinion", "text": "Ý kiến thứ nhất"]))
            let reused = try await client.postForm(try server.formPath("TH-AN-BINH"), Self.body(["kind": "opinion", "text": "Ý kiến thứ hai"]))
            #expect(reused.status == .conflict)
            #expect(reused.html.contains("Ý kiến thứ hai</textarea>"))
            let newID = try #require(reused.hiddenValue("_id"))
            #expect(newID != Self.clientID)
            let resent = try await client.postForm(
                try server.formPath("TH-AN-BINH"), Self.body(["kind": "opinion", "text": "Ý kiến thứ hai"], id: newID))
            #expect(resent.status == .seeOther)
        }
        #expect(try server.storedCount() == 2)
    }

    static func body(_ answers: [String: String], id: String = clientID) -> String {
        var pairs = [("_id", id), ("_form", "dien-dan-tre-em"), ("_version", "1")]
        pairs += answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+"))"
        }.joined(separator: "&")
    }
}

@Suite("Files the pages use, under /assets")
struct AssetRouteTests {
    @Test func assetsAreServedWithTheirTypes() async throws {
        let server = try TestServer()
        try await server.test { client in
            let page = try await client.getPage(try server.formPath("TH-AN-BINH"))
            for (name, type) in [("child.css", "text/css"), ("child.js", "text/javascript")] {
                let link = try #require(
                    page.html.firstMatch(of: try Regex("/assets/\(name)\\?v=[0-9a-f]+"))
                        .map { String(page.html[$0.range]) })
                let asset = try await client.getPage(link)
                #expect(asset.status == .ok)
                #expect(asset.contentType.hasPrefix(type))
                #expect(asset.headers[.cacheControl]?.contains("immutable") == true)
                #expect(asset.html.count > 500)
            }
            let script = try await client.getPage("/assets/child.js")
            #expect(script.html.contains("/api/v1/submissions"))
            #expect(script.headers[.cacheControl] == "no-cache")
            #expect(try await client.getPage("/assets/dashboard.css").status == .ok)
            #expect(try await client.getPage("/assets/nope.js").status == .notFound)
            #expect(try await client.getPage("/assets/..%2FResources%2Fopenapi.yaml").status == .notFound)
        }
    }
}

struct Page {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var html: String

    var contentType: String { headers[.contentType] ?? "" }

    func hiddenValue(_ name: String) -> String? {
        guard let match = html.firstMatch(of: try! Regex(#"name="\#(name)" value="([^"]*)""#)) else { return nil }
        return match.output[1].substring.map(String.init)
    }

    /// The HTML of one field's box on the children's form.
    func fieldBox(_ field: String) -> String? {
        guard let start = html.range(of: #"id="field-\#(field)""#) else { return nil }
        let rest = html[start.lowerBound...]
        let end = rest.range(of: "\n</div>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}

extension TestClientProtocol {
    func getPage(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            Page(
                status: response.status, headers: response.headers,
                html: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }

    func postForm(_ uri: String, _ body: String) async throws -> Page {
        try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { response in
            Page(
                status: response.status, headers: response.headers,
                html: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }
}

extension String {
    /// As the templates escape text, to find form labels on a rendered page.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

@Suite("The school link key and rate limits")
struct ChildFormKeyTests {
    @Test func withoutTheKeyOrWithAnOldOneTheFormIsNotThere() async throws {
        let server = try TestServer()
        let link = try server.formPath("TH-AN-BINH")
        try await server.test { client in
            #expect(try await client.getPage(link).status == .ok)
            #expect(try await client.getPage("/f/TH-AN-BINH").status == .notFound)
            #expect(try await client.getPage("/f/TH-AN-BINH?k=0000").status == .notFound)
            let posted = try await client.postForm("/f/TH-AN-BINH?k=0000", "kind=opinion&text=abc")
            #expect(posted.status == .notFound)
            _ = try server.environment.database.schoolLinkKey("TH-AN-BINH", rotate: true)
            #expect(try await client.getPage(link).status == .notFound)
            #expect(try await client.getPage(try server.formPath("TH-AN-BINH")).status == .ok)
        }
        #expect(try server.storedCount() == 0)
    }

    @Test func aFloodFromOneAddressIsTurnedAwayWithRetryAfter() async throws {
        let server = try TestServer()
        let link = try server.formPath("TH-AN-BINH")
        try await server.test { client in
            // Sent at once, as a flood is: one after another on a loaded machine, 40 posts can take
            // longer than the bucket needs to refill (1 every 2 s), and then none is refused.
            let responses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let response = try await client.postForm(link, "kind=opinion&text=y+kien+so+\(index)")
                        return (response.status, response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let statuses = responses.map(\.0)
            let retryAfter = responses.first { $0.0 == .tooManyRequests }?.1
            // The first burst is taken whole; after it, refusals (the bucket refills slowly, so on a
            // slow machine a few more may get through).
            #expect(statuses.filter { $0 == .seeOther }.count >= 30)
            #expect(statuses.contains(.tooManyRequests))
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
            // Only what was accepted is stored.
            #expect(try server.storedCount() == statuses.filter { $0 == .seeOther }.count)
        }
    }
}
