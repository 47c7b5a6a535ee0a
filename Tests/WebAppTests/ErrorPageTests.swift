import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

/// A browser asking for a page gets a page when it is refused; an API client keeps JSON.
@Suite("Error pages")
struct ErrorPageTests {
    @Test func aRefusedPageIsAPageWithTheMessageAndAnAPIErrorStaysJSON() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        try await server.test { client in
            let page = try await client.execute(
                uri: "/schools/TH-LE-LOI/answers", method: .get,
                headers: [.authorization: "Bearer \(coordinator)", .accept: "text/html"]
            ) { $0 }
            #expect(page.status == .forbidden)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = String(buffer: page.body)
            #expect(html.contains("chỉ xem được trường của mình") && html.contains("<html lang=\"vi\">"))
            #expect(page.headers[.contentSecurityPolicy] != nil)
            let api = try await client.execute(
                uri: "/api/v1/schools/TH-LE-LOI/summary", method: .get,
                headers: [.authorization: "Bearer \(coordinator)", .accept: "text/html"]
            ) { $0 }
            #expect(api.status == .forbidden && api.headers[.contentType]?.hasPrefix("application/json") == true)
            let missing = try await client.execute(uri: "/khong-co-trang", method: .get, headers: [.accept: "text/html"]) { $0 }
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("Không có trang này"))
        }
    }
}
