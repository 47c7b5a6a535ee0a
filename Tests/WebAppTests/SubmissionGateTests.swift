import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Synchronization
import Testing

@testable import WebApp

@Suite("Who may send entries through the API (serve --require-submission-key)")
struct SubmissionGateTests {
    func key(_ server: TestServer, _ school: String) throws -> String {
        try server.environment.database.schoolLinkKey(school, rotate: false)
    }

    @Test func withoutTheSettingTheAPITakesEntriesAsDocumented() async throws {
        let server = try TestServer()
        try await server.test { client in
            let answer = try await client.postJSON("/api/v1/submissions", Sample.envelope())
            #expect(answer.status == .created)
        }
    }

    @Test func aStrangerWithoutKeyOrTokenIsRefusedAndNothingIsStored() async throws {
        let server = try TestServer(requireSubmissionKey: true)
        let wrongSchoolsKey = try key(server, "THCS-PHU-MY")
        try await server.test { client in
            let bare = try await client.postJSON("/api/v1/submissions", Sample.envelope())
            #expect(bare.status == .unauthorized)
            #expect(bare.json?.objectValue?["error"] == .string("school_key"))
            #expect(bare.json?.objectValue?["message_vi"]?.stringValue?.contains("mã của trường") == true)
            // Another school's key does not open this school.
            let other = try await client.postJSON(
                "/api/v1/submissions", Sample.envelope(),
                headers: [SubmissionGate.keyHeader: wrongSchoolsKey])
            #expect(other.status == .unauthorized)
            let batch = #"{"submissions": [\#(Sample.envelope()), \#(Sample.envelope(school: "THCS-PHU-MY"))]}"#
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions/batch", batch,
                    headers: [SubmissionGate.keyHeader: wrongSchoolsKey]
                ).status == .unauthorized)
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(),
                    headers: [.authorization: "Bearer not-a-token"]
                ).status == .unauthorized)
        }
        #expect(try server.storedCount() == 0)
    }

    @Test func theSchoolsKeyOrATokenLetsEntriesIn() async throws {
        let server = try TestServer(requireSubmissionKey: true)
        let schoolKey = try key(server, "TH-AN-BINH")
        let tablet = try server.staffToken("may-tinh-bang", role: .coordinator, school: "TH-AN-BINH")
        let district = try server.staffToken("quan", role: .admin)
        try await server.test { client in
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(),
                    headers: [SubmissionGate.keyHeader: schoolKey]
                ).status == .created)
            let batch = #"{"submissions": [\#(Sample.envelope()), \#(Sample.envelope(school: "THCS-PHU-MY"))]}"#
            // A school's tablet syncs its own school's entries, not another's.
            let mixed = try await client.postJSON(
                "/api/v1/submissions/batch", batch,
                headers: [.authorization: "Bearer \(tablet)"])
            #expect(mixed.status == .forbidden)
            #expect(
                try await client.postJSON(
                    "/api/v1/submissions", Sample.envelope(text: "Lớp em mong có thêm sách"),
                    headers: [.authorization: "Bearer \(tablet)"]
                ).status == .created)
            let synced = try await client.postJSON(
                "/api/v1/submissions/batch", batch,
                headers: [.authorization: "Bearer \(district)"])
            #expect(synced.status == .ok)
        }
        #expect(try server.storedCount() == 4)
    }

    @Test func keyedRequestsShareTheFormsLimits() async throws {
        let server = try TestServer(requireSubmissionKey: true)
        let schoolKey = try key(server, "TH-AN-BINH")
        let headers: HTTPFields = [.contentType: "application/json", SubmissionGate.keyHeader: schoolKey]
        // (status, Retry-After) of each of 60 requests: the bucket (30 at once, 30 a minute)
        // cannot refill fast enough for all of them.
        let responses = Mutex<[(HTTPResponse.Status, String?)]>([])
        try await server.test { client in
            for index in 0..<60 {
                let response = try await client.execute(
                    uri: "/api/v1/submissions", method: .post, headers: headers,
                    body: ByteBuffer(string: Sample.envelope(text: "Ý kiến số \(index) của lớp em"))
                ) { $0 }
                responses.withLock { $0.append((response.status, response.headers[.retryAfter])) }
            }
        }
        let statuses = responses.withLock { $0.map(\.0) }
        let retryAfter = responses.withLock { $0.compactMap(\.1) }
        let created = statuses.filter { $0 == .created }.count
        #expect(statuses.prefix(30).allSatisfy { $0 == .created })
        #expect(statuses.contains(.tooManyRequests))
        #expect(Set(statuses) == [.created, .tooManyRequests])
        #expect(retryAfter.count == statuses.filter { $0 == .tooManyRequests }.count && retryAfter.allSatisfy { Int($0)! >= 1 })
        // A refused request stores nothing.
        #expect(try server.storedCount() == created)
    }
}
