// bare-server PORT — the framework's ceiling for `scripts/bench ingest`.
//   GET  /health  the same body TiengNoi's /health answers when the database is fine.
//   POST /echo    the request's body back, 201, as TiengNoi answers an accepted entry.
// Binds 127.0.0.1 only. With port 0 the system picks one; the real address is printed on stdout
// as `http://127.0.0.1:PORT`, the line the bench script waits for.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import NIOCore

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 0 : 0

let router = Router()
// One buffer made once: the body TiengNoi writes with JSONValue.canonicalString() for ["status": "ok"].
let healthBody = ByteBuffer(string: #"{"status":"ok"}"#)
router.get("health") { _, _ -> Response in
    Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: healthBody))
}
// The echo collects the whole body (up to 1 MiB; the bench's entries are about 250 bytes, far under
// TiengNoi's 64 KiB for one entry, so the limit never bites) and sends it back unparsed: it measures what the framework costs to receive and answer a body of that size, nothing
// more. Parsing, validation and the write are TiengNoi's own work and belong to its side of the ratio.
router.post("echo") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    return Response(
        status: .created, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: body))
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
    onServerRunning: { channel in
        // stdout goes to a file in the script, where it would sit in the buffer: flush at once.
        print("http://127.0.0.1:\(channel.localAddress?.port ?? port)")
        fflush(nil)  // every stream: naming `stdout` is shared mutable state to Swift 6
    }
)
try await app.runService()
