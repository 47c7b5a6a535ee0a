import CCurl
import Foundation
import Synchronization

/// Where libcurl's C callbacks put what arrives. The callbacks cannot capture anything, so this
/// object travels to them as the opaque `userdata` pointer (CURLOPT_WRITEDATA / HEADERDATA / XFERINFODATA).
/// Only the curl thread touches `body` and `headerLines` during a transfer; `cancelled` is atomic
/// because the waiting Swift task sets it from another thread.
final class ResponseSink: @unchecked Sendable {
    private let keptBodyBytes: Int
    private(set) var body = Data()
    /// Header lines of the last response only: a `100 Continue` or a proxy's `200 Connection
    /// established` comes first and is replaced when the real status line arrives.
    private(set) var headerLines: [String] = []
    let cancelled = Atomic<Bool>(false)

    init(keptBodyBytes: Int) {
        self.keptBodyBytes = keptBodyBytes
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) {
        let room = keptBodyBytes - body.count
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
    }

    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") { headerLines = [] }
        if !line.isEmpty { headerLines.append(line) }
    }

    var headers: [(name: String, value: String)] {
        headerLines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
    }

    var userdata: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ userdata: UnsafeMutableRawPointer?) -> ResponseSink? {
        userdata.map { Unmanaged<ResponseSink>.fromOpaque($0).takeUnretainedValue() }
    }

    // The C callbacks. Non-capturing closures convert to C function pointers.

    static let writeBody: tn_data_callback = { data, size, count, userdata in
        let total = size * count
        if let data, let sink = ResponseSink.from(userdata) {
            // The whole body is consumed (returning less would abort the transfer); only a prefix is kept.
            sink.appendBody(UnsafeRawBufferPointer(start: data, count: total))
        }
        return total
    }

    static let writeHeader: tn_data_callback = { data, size, count, userdata in
        let total = size * count
        if let data, let sink = ResponseSink.from(userdata) {
            sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: total))
        }
        return total
    }

    static let progress: tn_progress_callback = { userdata, _, _, _, _ in
        guard let sink = ResponseSink.from(userdata) else { return 0 }
        return sink.cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}
