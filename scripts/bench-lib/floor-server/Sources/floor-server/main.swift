// floor-server DATA FORM_FILE PORT — the floor under `scripts/bench ingest` (issue 19).
//   POST /store  takes the body as the bare server's /echo does (collected, not parsed), then stores
//                one entry prepared at start — validated once from FORM_FILE — under a new id, through
//                TiengNoi's SubmissionWriter (group commit, WAL, synchronous = FULL), and answers 201
//                with TiengNoi's body ({"id":…,"status":"created"}) only after the commit.
//   GET  /health the bare server's answer, so the script can check it is up.
// DATA must hold the demo schools (`tiengnoi schools import`). Binds 127.0.0.1; prints its address.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Forms
import Foundation
import Hummingbird
import NIOCore
import Storage
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count == 4, let port = Int(arguments[3]) else {
    print("usage: floor-server DATA FORM_FILE PORT")
    exit(2)
}
let database = try AppDatabase(directory: arguments[1])
let form = try FormLoader.load(path: arguments[2])
_ = try database.registerForms([form])
// One of the bench's entries (scripts/bench-lib/ingest.lua), validated once.
let answers: [String: JSONValue] = [
    "school": .string("TH-AN-BINH"), "kind": .string("recommendation"),
    "text": .string("Cháu mong có lớp dạy bơi miễn phí vào mùa hè (1)"), "grade": .int(5), "gender": .string("nu"),
]
let template = NewSubmission(
    id: "", formID: form.id, formVersion: form.version, validated: try form.validate(answers: answers).get(), source: .api)
let writer = SubmissionWriter(database: database)
let stored = Atomic<Int>(0)
// A new id for each row, unique across runs on one database.
let run = String(UInt32.random(in: 0x1000_0000...0xffff_ffff), radix: 16)
let json = "application/json; charset=utf-8"

let router = Router()
let healthBody = ByteBuffer(string: #"{"status":"ok"}"#)
router.get("health") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: json], body: .init(byteBuffer: healthBody))
}
router.post("store") { request, _ -> Response in
    _ = try await request.body.collect(upTo: 1 << 20)
    let number = stored.add(1, ordering: .relaxed).newValue
    let counter = String(number, radix: 16)
    var entry = template
    entry.id = "\(run)-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - counter.count)) + counter
    entry.receivedAt = Date()
    guard try await writer.store(entry) == .created else { throw HTTPError(.conflict) }
    return Response(
        status: .created, headers: [.contentType: json],
        body: .init(byteBuffer: ByteBuffer(string: #"{"id":"\#(entry.id)","status":"created"}"#)))
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
    onServerRunning: { channel in
        print("http://127.0.0.1:\(channel.localAddress?.port ?? port)")
        fflush(nil)
    }
)
try await app.runService()
