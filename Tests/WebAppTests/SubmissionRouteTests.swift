import Forms
import Foundation
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("POST /api/v1/submissions")
struct SubmissionRouteTests {
    @Test func createdThenRetriedThenConflicting() async throws {
        let server = try TestServer()
        let id = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
        try await server.test { client in
            let first = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: id))
            #expect(first.status == .created)
            #expect(first.json?.objectValue?["id"] == .string(id))

            let retry = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: id.uppercased()))
            #expect(retry.status == .ok)
            #expect(retry.json?.objectValue?["id"] == .string(id))

            let other = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: id, text: "Khác hẳn"))
            #expect(other.status == .conflict)
            #expect(other.json?.objectValue?["message_vi"]?.stringValue?.isEmpty == false)
            #expect(other.json?.objectValue?["message_en"]?.stringValue?.isEmpty == false)
        }
        #expect(try server.storedCount() == 1)
    }

    @Test func retryInNFDIsTheSameEntry() async throws {
        let server = try TestServer()
        let id = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
        let text = "Trường em cần hàng rào quanh ao"
        try await server.test { client in
            let first = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: id, text: text))
            #expect(first.status == .created)
            let nfd = Sample.envelope(id: id, text: text.decomposedStringWithCanonicalMapping)
            let retry = try await client.postJSON("/api/v1/submissions", nfd)
            #expect(retry.status == .ok)
        }
        let stored = try await server.environment.database.submissions().first?.voice
        #expect(stored.map { Array($0.unicodeScalars) } == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func withoutIdEachPostIsANewEntry() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.postJSON("/api/v1/submissions", Sample.envelope())
            let b = try await client.postJSON("/api/v1/submissions", Sample.envelope())
            #expect(a.status == .created && b.status == .created)
            #expect(a.json?.objectValue?["id"] != b.json?.objectValue?["id"])
        }
        #expect(try server.storedCount() == 2)
    }

    @Test func everyFieldErrorAtOnce() async throws {
        let server = try TestServer()
        let body = """
            {"form": "dien-dan-tre-em", "formVersion": 1,
             "answers": {"school": "KHONG-CO", "kind": "complaint", "grade": 40, "gender": 1,
                         "text": "\(String(repeating: "a", count: 2001))", "favourite": "x"}}
            """
        try await server.test { client in
            let (status, json) = try await client.postJSON("/api/v1/submissions", body)
            #expect(status == .unprocessableContent)
            #expect(
                Sample.errorCodes(json) == [
                    "school": "unknown_school", "kind": "unknown_choice", "grade": "out_of_range",
                    "gender": "wrong_type", "text": "too_long", "favourite": "unknown_field",
                ])
            for error in json?.objectValue?["errors"]?.arrayValue ?? [] {
                #expect(error.objectValue?["message_vi"]?.stringValue?.isEmpty == false)
                #expect(error.objectValue?["message_en"]?.stringValue?.isEmpty == false)
            }
            let missing = try await client.postJSON(
                "/api/v1/submissions", #"{"form": "dien-dan-tre-em", "formVersion": 1, "answers": {}}"#)
            #expect(
                Sample.errorCodes(missing.json) == [
                    "school": "missing_required", "kind": "missing_required", "text": "missing_required",
                ])
        }
        #expect(try server.storedCount() == 0)
    }

    @Test func unknownFormVersionOrSchoolIs422() async throws {
        let server = try TestServer()
        try await server.test { client in
            let form = try await client.postJSON(
                "/api/v1/submissions", #"{"form": "khong-co", "formVersion": 1, "answers": {}}"#)
            #expect(form.status == .unprocessableContent)
            #expect(Sample.errorCodes(form.json)["form"] == "unknown_choice")

            let version = try await client.postJSON(
                "/api/v1/submissions", Sample.envelope().replacingOccurrences(of: "\"formVersion\": 1", with: "\"formVersion\": 7"))
            #expect(version.status == .unprocessableContent)
            #expect(Sample.errorCodes(version.json)["formVersion"] == "unknown_choice")

            let school = try await client.postJSON("/api/v1/submissions", Sample.envelope(school: "TH-KHONG-CO"))
            #expect(school.status == .unprocessableContent)
            #expect(Sample.errorCodes(school.json)["school"] == "unknown_school")

            let badID = try await client.postJSON("/api/v1/submissions", Sample.envelope(id: "not-a-uuid"))
            #expect(Sample.errorCodes(badID.json)["id"] == "wrong_type")
        }
    }

    @Test func schoolCodeIsMatchedWithoutCase() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.postJSON("/api/v1/submissions", Sample.envelope(school: "th-an-binh"))
            #expect(response.status == .created)
        }
        let code = try await server.environment.database.submissions().first?.schoolCode
        #expect(code == "TH-AN-BINH")
    }

    @Test func malformedJSONIs400SayingWhere() async throws {
        let server = try TestServer()
        try await server.test { client in
            let (status, json) = try await client.postJSON("/api/v1/submissions", "{\n  \"form\": \"x\",,\n}")
            #expect(status == .badRequest)
            #expect(json?.objectValue?["line"] == .int(2))
            #expect(json?.objectValue?["column"] == .int(15))  // the second comma
            #expect(json?.objectValue?["message_vi"]?.stringValue?.contains("dòng 2") == true)
        }
    }

    @Test func bodyOver64KiBIs413() async throws {
        let server = try TestServer()
        try await server.test { client in
            let big = Sample.envelope(text: String(repeating: "a", count: 70_000))
            let (status, json) = try await client.postJSON("/api/v1/submissions", big)
            #expect(status == .contentTooLarge)
            #expect(json?.objectValue?["error"] == "body_too_large")
        }
        #expect(try server.storedCount() == 0)
    }

    @Test func notJSONIs415() async throws {
        let server = try TestServer()
        try await server.test { client in
            let plain = try await client.postJSON("/api/v1/submissions", Sample.envelope(), contentType: "text/plain")
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.json?.objectValue?["message_en"]?.stringValue?.contains("application/json") == true)
            let form = try await client.postJSON("/api/v1/submissions", "a=b", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            let charset = try await client.postJSON(
                "/api/v1/submissions", Sample.envelope(),
                contentType: "application/json; charset=utf-8")
            #expect(charset.status == .created)
        }
    }
}
