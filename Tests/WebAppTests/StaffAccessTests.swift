import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import WebApp

@Suite("Staff access")
struct StaffAccessTests {
    @Test func withoutLoginStaffRoutesAnswer401() async throws {
        let server = try TestServer()
        try await server.test { client in
            for path in ["/api/v1/me", "/api/v1/summary", "/api/v1/schools/TH-AN-BINH/summary"] {
                let (status, json) = try await client.getJSON(path)
                #expect(status == .unauthorized, "\(path)")
                #expect(json?.objectValue?["message_vi"]?.stringValue?.isEmpty == false)
            }
            let badToken = try await client.execute(
                uri: "/api/v1/me", method: .get,
                headers: [.authorization: "Bearer tn_nope"]
            ) { $0.status }
            #expect(badToken == .unauthorized)
        }
    }

    @Test func coordinatorSeesOnlyTheirSchool() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(school: "TH-AN-BINH"))
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(school: "TH-LE-LOI"))
            func get(_ path: String, _ token: String) async throws -> (HTTPResponse.Status, JSONValue?) {
                try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    ($0.status, try? JSONParser.parse(Data($0.body.readableBytesView)))
                }
            }
            let own = try await get("/api/v1/schools/TH-AN-BINH/summary", coordinator)
            #expect(own.0 == .ok)
            #expect(own.1?.objectValue?["totals"]?.objectValue?["entries"] == 1)
            #expect(own.1?.objectValue?["tallies"]?.objectValue?["school"]?.objectValue?.keys.sorted() == ["TH-AN-BINH"])
            #expect(try await get("/api/v1/schools/TH-LE-LOI/summary", coordinator).0 == .forbidden)
            #expect(try await get("/api/v1/summary", coordinator).0 == .forbidden)
            let whole = try await get("/api/v1/summary", admin)
            #expect(whole.0 == .ok && whole.1?.objectValue?["totals"]?.objectValue?["entries"] == 2)
            #expect(try await get("/api/v1/schools/TH-LE-LOI/summary", admin).0 == .ok)
        }
    }

    @Test func disablingAnAccountRevokesItsTokens() async throws {
        let server = try TestServer()
        let viewer = try server.staffToken("viewer", role: .viewer)
        try server.environment.database.setDisabled(username: "viewer", true)
        try await server.test { client in
            let status = try await client.execute(
                uri: "/api/v1/me", method: .get,
                headers: [.authorization: "Bearer \(viewer)"]
            ) { $0.status }
            #expect(status == .unauthorized)
        }
    }
}
