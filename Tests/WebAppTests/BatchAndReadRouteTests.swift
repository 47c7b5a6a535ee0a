import Forms
import Foundation
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("Batch, forms, health, metrics")
struct BatchAndReadRouteTests {
    @Test func batchAnswersEachItem() async throws {
        let server = try TestServer()
        let id = "11111111-2222-4333-8444-555555555555"
        try await server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: id))
            let items = [
                Sample.envelope(),  // new
                Sample.envelope(id: id),  // retry of a stored one
                Sample.envelope(id: id, text: "nội dung khác"),  // same id, other content
                Sample.envelope(school: "KHONG-CO"),  // invalid
                "42",  // not an object
                Sample.envelope(),  // new
            ]
            let (status, json) = try await client.postJSON(
                "/api/v1/submissions/batch", "{\"submissions\": [\(items.joined(separator: ","))]}")
            #expect(status == .ok)
            let statuses = json?.objectValue?["results"]?.arrayValue?.compactMap { $0.objectValue?["status"]?.intValue }
            #expect(statuses == [201, 200, 409, 422, 422, 201])
            #expect(json?.objectValue?["created"] == 2)
            #expect(json?.objectValue?["invalid"] == 2)
        }
        #expect(try server.storedCount() == 3)
    }

    @Test func batchOfMoreThan500IsRefused() async throws {
        let server = try TestServer()
        try await server.test { client in
            let items = Array(repeating: Sample.envelope(), count: 501).joined(separator: ",")
            let (status, json) = try await client.postJSON("/api/v1/submissions/batch", "{\"submissions\": [\(items)]}")
            #expect(status == .unprocessableContent)
            #expect(json?.objectValue?["error"] == "too_many_items")
            let full = Array(repeating: Sample.envelope(), count: 500).joined(separator: ",")
            let ok = try await client.postJSON("/api/v1/submissions/batch", "{\"submissions\": [\(full)]}")
            #expect(ok.json?.objectValue?["created"] == 500)
        }
        #expect(try server.storedCount() == 500)
    }

    @Test func formsAreListedAndShown() async throws {
        let server = try TestServer()
        try await server.test { client in
            let list = try await client.getJSON("/api/v1/forms")
            #expect(list.status == .ok)
            let first = list.json?.objectValue?["forms"]?.arrayValue?.first?.objectValue
            #expect(first?["id"] == "dien-dan-tre-em")
            #expect(first?["version"] == 1)

            let form = try await client.getJSON("/api/v1/forms/dien-dan-tre-em")
            let themes = form.json?.objectValue?["themes"]?.arrayValue?.compactMap { $0.objectValue?["code"]?.stringValue }
            #expect(themes?.contains("child_labour") == true)
            #expect(form.json?.objectValue?["contentHash"]?.stringValue?.count == 64)

            #expect(try await client.getJSON("/api/v1/forms/dien-dan-tre-em?version=1").status == .ok)
            #expect(try await client.getJSON("/api/v1/forms/dien-dan-tre-em?version=9").status == .notFound)
            #expect(try await client.getJSON("/api/v1/forms/dien-dan-tre-em?version=x").status == .badRequest)
            #expect(try await client.getJSON("/api/v1/forms/khong-co").status == .notFound)

            let schema = try await client.getJSON("/api/v1/forms/dien-dan-tre-em/schema")
            #expect(schema.json?.objectValue?["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        }
    }

    @Test func healthMetricsAndSpec() async throws {
        let server = try TestServer()
        let viewer = try server.staffToken("viewer", role: .viewer)
        try await server.test { client in
            #expect(try await client.getJSON("/health").json == ["status": "ok"])
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope())
            // Not from this machine (the router test has no peer address): a staff token is needed.
            #expect(try await client.execute(uri: "/metrics", method: .get) { $0.status } == .unauthorized)
            let metrics = try await client.execute(
                uri: "/metrics", method: .get,
                headers: [.authorization: "Bearer \(viewer)"]
            ) { String(buffer: $0.body) }
            #expect(metrics.contains("tiengnoi_submissions_stored 1"))
            #expect(metrics.contains("tiengnoi_write_queue_depth"))
            #expect(metrics.contains(#"hb_requests{http_route="/api/v1/submissions",http_request_method="POST",http_response_status_code="201"}"#))
            #expect(metrics.contains("http_server_request_duration_bucket"))
            let spec = try await client.execute(uri: "/openapi.yaml", method: .get) { String(buffer: $0.body) }
            #expect(spec.hasPrefix("openapi: 3.1.0"))
            #expect(spec.contains("/api/v1/submissions/batch"))
        }
    }
}
