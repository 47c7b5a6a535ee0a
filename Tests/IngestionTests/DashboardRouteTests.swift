import Aggregator
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
@testable import Ingestion

@Suite("The staff dashboard at /dashboard")
struct DashboardRouteTests {
    @Test func countsAreTheSummarysAndChildTextIsEscaped() async throws {
        let server = try TestServer()
        try await server.testLive { client in
            let group = Sample.envelope(text: "<b>Bọn em</b> mong có hàng rào quanh ao cạnh trường",
                                        extra: #", "participants": 4"#)
            for body in [Sample.envelope(), Sample.envelope(school: "THCS-PHU-MY"), group] {
                #expect(try await client.postJSON("/api/v1/submissions", body).status == .created)
            }
            let page = try await client.getPage("/dashboard")
            #expect(page.status == .ok)
            #expect(page.contentType.hasPrefix("text/html"))
            // The entries just sent are counted without waiting for the background pass.
            let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                                   targets: server.environment.targets, unit: "LOCAL").build()
            #expect(summary.totals.entries == 3 && summary.totals.consultations == 6)
            #expect(page.total("entries") == summary.totals.entries)
            #expect(page.total("consultations") == summary.totals.consultations)
            #expect(page.total("activeSchools") == summary.totals.activeSchools)
            for (code, count) in summary.tallies["theme"] ?? [:] {
                #expect(page.html.contains(#"data-key="\#(code)" data-entries="\#(count.entries)" data-consultations="\#(count.consultations)""#))
            }
            // Every registered school has a row; those without an entry are marked.
            #expect(page.html.contains(#"<tr data-school="THCS-PHU-MY" data-entries="1" data-consultations="1">"#))
            #expect(page.html.contains(#"<tr data-school="TH-CAU-TRE" data-entries="0" data-consultations="0" class="silent">"#))
            #expect(page.html.contains("Chưa có ý kiến"))
            #expect(page.html.contains("Lượt trẻ em được lấy ý kiến"))
            #expect(page.html.contains("Chưa trả lời"))
            #expect(page.html.contains("&lt;b&gt;Bọn em&lt;/b&gt;"))
            #expect(!page.html.contains("<b>Bọn em"))
            #expect(page.html.contains("<svg"))
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("http://") && !page.html.contains("https://"))
        }
    }

    @Test func answersOnlyOnThisMachine() async throws {
        let server = try TestServer()
        // The in-memory test client has no peer address: it stands for any machine but this one.
        try await server.test { client in
            let page = try await client.getPage("/dashboard")
            #expect(page.status == .forbidden)
            #expect(page.html.contains("Chỉ xem được trên máy chủ"))
            #expect(!page.html.contains("data-total"))
        }
        try await server.testLive { client in
            #expect(try await client.getPage("/dashboard").status == .ok)
            // Through a proxy on this machine, every visitor would look local: refused.
            let proxied = try await client.getPage("/dashboard", headers: [.init("X-Forwarded-For")!: "203.0.113.7"])
            #expect(proxied.status == .forbidden)
        }
    }

    @Test func loopbackAddresses() throws {
        #expect(LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 5000)))
        #expect(LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "127.10.0.3", port: 5000)))
        #expect(LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "::1", port: 5000)))
        #expect(LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 5000)))
        #expect(!LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "192.168.1.20", port: 5000)))
        #expect(!LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "::ffff:10.0.0.1", port: 5000)))
        #expect(!LoopbackPeer.isLoopback(try SocketAddress(ipAddress: "fe80::1", port: 5000)))
        #expect(!LoopbackPeer.isLoopback(nil))
    }
}

extension TestServer {
    /// Over a real loopback connection, so routes that look at the peer address see 127.0.0.1.
    func testLive(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(ServerConfiguration(port: 0), environment: environment, logger: Logger(label: "test"))
        try await app.test(.live) { client in try await body(client) }
    }
}

extension Page {
    /// A dashboard tile's number, as written in its `data-value`.
    func total(_ key: String) -> Int? {
        guard let match = html.firstMatch(of: try! Regex(#"data-total="\#(key)" data-value="(\d+)""#)) else { return nil }
        return match.output[1].substring.flatMap { Int($0) }
    }
}
