import Analysis
import Answers
import Forms
import Forwarder
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reports
import Summary
import Testing

@testable import WebApp

@Suite("POST /api/v1/intake/summaries")
struct SummaryIntakeRouteTests {
    static let secret = try! UpstreamSecret("district-and-school-share-this")

    static func summary(unit: String = "TH-AN-BINH", entries: Int = 4) -> Data {
        let summary = Summary(
            unit: unit, generatedAt: "2025-06-15T08:00:00.000Z", forms: [],
            totals: .init(
                entries: entries, consultations: entries, activeSchools: 1,
                registeredSchools: 1, safeguardingHeld: 0),
            tallies: ["school": [unit: .init(entries: entries, consultations: entries)]],
            issues: [], includes: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try! encoder.encode(summary)
    }

    static func headers(
        body: Data, sender: String = "TH-AN-BINH", key: String = "3b1f5a",
        secret: UpstreamSecret = secret, age: Int64 = 0
    ) -> HTTPFields {
        let timestamp = Int64(Date().timeIntervalSince1970) - age
        var fields: HTTPFields = [.contentType: "application/json"]
        fields[SummaryIntakeController.senderHeader] = sender
        fields[SummaryIntakeController.timestampHeader] = String(timestamp)
        fields[SummaryIntakeController.signatureHeader] = RequestSignature.sign(
            secret: secret, sender: sender, idempotencyKey: key,
            timestamp: timestamp, body: body)
        fields[SummaryIntakeController.idempotencyHeader] = key
        return fields
    }

    func received(_ server: TestServer) throws -> Int {
        try server.environment.database.receivedSummaries().count
    }

    @Test func offUntilASenderIsRegistered() async throws {
        let server = try TestServer()
        let body = Self.summary()
        try await server.test { client in
            let status = try await client.execute(
                uri: "/api/v1/intake/summaries", method: .post,
                headers: Self.headers(body: body), body: ByteBuffer(bytes: body)
            ) {
                ($0.status, try? JSONParser.parse(Data($0.body.readableBytesView)))
            }
            #expect(status.0 == .notFound)
            #expect(status.1?.objectValue?["error"] == .string("intake_off"))
        }
        #expect(try received(server) == 0)
    }

    @Test func storedThenReplayed() async throws {
        let server = try TestServer()
        try server.environment.database.addSender(code: "TH-AN-BINH", secret: Self.secret.text)
        let body = Self.summary()
        try await server.test { client in
            for expected in [HTTPResponse.Status.created, .ok, .ok] {
                let status = try await client.execute(
                    uri: "/api/v1/intake/summaries", method: .post,
                    headers: Self.headers(body: body), body: ByteBuffer(bytes: body)
                ) { $0.status }
                #expect(status == expected)
            }
        }
        let stored = try server.environment.database.latestReceivedSummaries()
        #expect(stored.count == 1 && stored[0].payload == String(decoding: body, as: UTF8.self))
    }

    @Test func refusalsSayWhyInBothLanguagesAndStoreNothing() async throws {
        let server = try TestServer()
        try server.environment.database.addSender(code: "TH-AN-BINH", secret: Self.secret.text)
        let body = Self.summary()
        let wrong = try UpstreamSecret("somebody-else-entirely")
        let cases: [(HTTPFields, Data, HTTPResponse.Status, String)] = [
            (Self.headers(body: body, sender: "TH-KHONG-CO"), body, .unauthorized, "unknown_sender"),
            (Self.headers(body: body, secret: wrong), body, .unauthorized, "bad_signature"),
            (Self.headers(body: body, age: 301), body, .unauthorized, "stale_timestamp"),
            (
                Self.headers(body: Self.summary(unit: "TH-BINH-MINH")), Self.summary(unit: "TH-BINH-MINH"),
                .unprocessableContent, "unit_mismatch"
            ),
            (
                Self.headers(body: Data(#"{"schema":"tiengnoi.summary/1"}"#.utf8)), Data(#"{"schema":"tiengnoi.summary/1"}"#.utf8),
                .unprocessableContent, "invalid_summary"
            ),
        ]
        try await server.test { client in
            for (headers, sent, status, code) in cases {
                let (answered, json) = try await client.execute(
                    uri: "/api/v1/intake/summaries", method: .post,
                    headers: headers, body: ByteBuffer(bytes: sent)
                ) {
                    ($0.status, try? JSONParser.parse(Data($0.body.readableBytesView)))
                }
                let object = json?.objectValue
                #expect(answered == status, "\(code)")
                #expect(object?["error"] == .string(code))
                #expect(object?["message_vi"]?.stringValue?.isEmpty == false)
                #expect(object?["message_en"]?.stringValue?.isEmpty == false)
                if code == "invalid_summary" { #expect(object?["problems"]?.arrayValue?.isEmpty == false) }
                if code == "stale_timestamp" { #expect(object?["server_time"] != nil) }
            }
            var plain = Self.headers(body: body)
            plain[.contentType] = "text/plain"
            let status = try await client.execute(
                uri: "/api/v1/intake/summaries", method: .post, headers: plain,
                body: ByteBuffer(bytes: body)
            ) { $0.status }
            #expect(status == .unsupportedMediaType)
        }
        #expect(try received(server) == 0)
    }

    @Test func metricsCountOutboxRowsByStatus() async throws {
        let server = try TestServer()
        let outbox = Outbox(database: server.environment.database)
        let row = try outbox.enqueue(try Summary.decodeValidated(Self.summary()).get(), dataVersion: nil, now: Date())
        try outbox.record(id: row.id, result: .success(UpstreamResponse(status: 422)), now: Date())
        try outbox.enqueue(try Summary.decodeValidated(Self.summary()).get(), dataVersion: nil, now: Date())
        let viewer = try server.staffToken("viewer", role: .viewer)
        try await server.test { client in
            let text = try await client.execute(
                uri: "/metrics", method: .get,
                headers: [.authorization: "Bearer \(viewer)"]
            ) { String(buffer: $0.body) }
            #expect(text.contains(#"tiengnoi_outbox_rows{status="failed"} 1"#))
            #expect(text.contains(#"tiengnoi_outbox_rows{status="queued"} 1"#))
            #expect(text.contains(#"tiengnoi_outbox_rows{status="delivered"} 0"#))
        }
    }
}
