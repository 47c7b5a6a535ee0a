import Forwarder
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// The libcurl client against a real Hummingbird server on 127.0.0.1 (lives here because this
/// target already has HummingbirdTesting).
@Suite("CurlClient over loopback")
struct CurlClientLiveTests {
    /// Echoes what it received; answers 503 with Retry-After on /busy; never answers in time on /slow.
    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 4 << 20)
            var headers: HTTPFields = [.contentType: "application/octet-stream"]
            headers[HTTPFields.Element.Name("X-Seen-Signature")!] = request.headers[HTTPFields.Element.Name("X-TiengNoi-Signature")!] ?? "-"
            headers[HTTPFields.Element.Name("X-Seen-Expect")!] = request.headers[.expect] ?? "-"
            return Response(status: .accepted, headers: headers, body: .init(byteBuffer: body))
        }
        router.post("busy") { _, _ -> Response in
            Response(status: .serviceUnavailable, headers: [.retryAfter: "42"], body: .init(byteBuffer: ByteBuffer(string: "later")))
        }
        router.post("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(10))
            return Response(status: .ok)
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "curl-test"))
    }

    @Test func postsHeadersAndBodyAndReadsTheAnswer() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            // Larger than curl's Expect: 100-continue threshold, to show it is switched off.
            let body = Data(String(repeating: "Tiếng nói trẻ em. ", count: 80_000).utf8)
            // A generous timeout: this test is about headers and bodies, and a debug build running
            // every suite at once on two cores has taken more than 10 s to echo 1.8 MB.
            let result = await CurlClient(options: .init(totalTimeout: 60)).post(
                UpstreamRequest(
                    url: "http://127.0.0.1:\(port)/echo",
                    headers: [("Content-Type", "application/json"), ("X-TiengNoi-Signature", "sha256=abc")], body: body))
            let response = try result.get()
            #expect(response.status == 202)
            #expect(response.header("x-seen-signature") == "sha256=abc")
            #expect(response.header("X-Seen-Expect") == "-")
            // Only the first 64 KiB of a response is kept, however long it is.
            #expect(response.body == body.prefix(64 * 1024))
        }
    }

    @Test func readsErrorStatusesAndRetryAfter() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            let response = try await CurlClient().post(
                UpstreamRequest(
                    url: "http://127.0.0.1:\(port)/busy", headers: [],
                    body: Data())
            ).get()
            #expect(response.status == 503 && response.header("Retry-After") == "42")
            #expect(String(decoding: response.body, as: UTF8.self) == "later")
        }
    }

    @Test func timesOutWithCurlsOwnWords() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            let result = await CurlClient(options: .init(connectTimeout: 1, totalTimeout: 0.5)).post(
                UpstreamRequest(url: "http://127.0.0.1:\(port)/slow", headers: [], body: Data("{}".utf8)))
            guard case let .failure(error) = result else { Issue.record("expected a timeout"); return }
            #expect(error.isTimeout)
            #expect(error.message.lowercased().contains("timed out"))
            // Gave up long before the server would have answered (10 s), with room for a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func aClosedPortIsANetworkError() async throws {
        // Port 9 (discard) is not served on these machines: the connection is refused.
        let result = await CurlClient(options: .init(connectTimeout: 2, totalTimeout: 2)).post(
            UpstreamRequest(url: "http://127.0.0.1:9/", headers: [], body: Data()))
        guard case let .failure(error) = result else { Issue.record("expected a refusal"); return }
        #expect(!error.isTimeout)
        #expect(error.message.contains("127.0.0.1"))
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            let task = Task {
                await CurlClient(options: .init(totalTimeout: 30)).post(
                    UpstreamRequest(url: "http://127.0.0.1:\(port)/slow", headers: [], body: Data()))
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            guard case let .failure(error) = await task.value else { Issue.record("expected cancellation"); return }
            #expect(error.message.contains("cancelled"))
            // Well under the 30 s timeout: the transfer was cancelled, not timed out. Loose for shared CI machines.
            #expect(ContinuousClock.now - started < .seconds(12))
        }
    }

    @Test func refusesSchemesOtherThanHTTP() async throws {
        let result = await CurlClient().post(UpstreamRequest(url: "file:///etc/passwd", headers: [], body: Data()))
        guard case .failure = result else { Issue.record("file:// must not be fetched"); return }
    }
}
