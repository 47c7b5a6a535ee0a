import CCurl
import Dispatch
import Foundation

/// POSTs (summaries) and GETs (answers) through libcurl. Every request gets its own easy handle and runs on a dispatch queue
/// reserved for blocking calls, so a slow upstream never holds a server event loop or a Swift
/// concurrency thread. TLS peers are always verified; proxies come from the environment
/// (`https_proxy`, `no_proxy`, …), which is libcurl's default and is deliberately left alone.
public struct CurlClient: UpstreamTransport {
    public struct Options: Sendable {
        /// Seconds to establish the TCP (and TLS) connection.
        public var connectTimeout: Double
        /// Seconds for the whole exchange, connection included.
        public var totalTimeout: Double
        /// A PEM bundle to trust instead of the system's, e.g. a district's own certificate authority.
        public var caFile: String?
        /// How much of a response body to keep; upstream error pages can be large and only the start helps.
        public var keptBodyBytes: Int

        public init(
            connectTimeout: Double = 10, totalTimeout: Double = 60, caFile: String? = nil,
            keptBodyBytes: Int = 64 * 1024
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.caFile = caFile
            self.keptBodyBytes = keptBodyBytes
        }
    }

    public let options: Options
    static let userAgent = "TiengNoi/1 (libcurl)"

    /// Concurrent: each request has its own handle, and one slow upstream must not queue the others.
    private static let blockingQueue = DispatchQueue(label: "tiengnoi.curl", attributes: .concurrent)

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Sends a body upward: a POST (a summary), or a PUT when the request asks for one (a file of evidence).
    public func post(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError> {
        var request = request
        if request.method != .put { request.method = .post }
        return await send(request)
    }

    /// Performs the request with its own method (POST or GET).
    func send(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError> {
        let sink = ResponseSink(keptBodyBytes: options.keptBodyBytes)
        let options = self.options
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Self.blockingQueue.async {
                    continuation.resume(returning: Self.perform(request, options: options, sink: sink))
                }
            }
        } onCancel: {
            // The progress callback sees this within a second and aborts the transfer.
            sink.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// The blocking transfer. Runs on `blockingQueue` only.
    static func perform(
        _ request: UpstreamRequest, options: Options, sink: ResponseSink
    )
        -> Result<UpstreamResponse, TransportError>
    {
        guard CurlGlobal.ensureInitialised() else {
            return .failure(TransportError(code: -1, message: "curl_global_init failed"))
        }
        for header in request.headers where (header.name + header.value).contains(where: \.isNewline) {
            return .failure(TransportError(code: -1, message: "header \(header.name) contains a line break"))
        }
        guard let handle = curl_easy_init() else {
            return .failure(TransportError(code: -1, message: "curl_easy_init failed"))
        }
        defer { curl_easy_cleanup(handle) }

        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // Without this, curl sends `Expect: 100-continue` for larger bodies and waits for a reply
        // many servers never send.
        headerList = curl_slist_append(headerList, "Expect:")

        var setupError = CURLE_OK
        func set(_ result: CURLcode) { if setupError == CURLE_OK { setupError = result } }
        set(tn_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(tn_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(tn_setopt_string(handle, CURLOPT_URL, request.url))
        set(tn_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(tn_setopt_string(handle, CURLOPT_USERAGENT, userAgent))
        set(tn_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        switch request.method {
        case .get:
            set(tn_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .post, .put:
            set(tn_setopt_long(handle, CURLOPT_POST, 1))
            // curl sends the body as for a POST under the method named here.
            if request.method == .put { set(tn_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "PUT")) }
            // Copied by curl, so the body need not outlive this call.
            set(tn_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            if request.body.isEmpty {
                set(tn_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                request.body.withUnsafeBytes { bytes in
                    set(tn_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)))
                }
            }
        }
        set(tn_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connectTimeout)))
        set(tn_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(options.totalTimeout)))
        set(tn_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(tn_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        if let caFile = options.caFile { set(tn_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        set(tn_setopt_callback(handle, CURLOPT_WRITEFUNCTION, ResponseSink.writeBody))
        set(tn_setopt_pointer(handle, CURLOPT_WRITEDATA, sink.userdata))
        set(tn_setopt_callback(handle, CURLOPT_HEADERFUNCTION, ResponseSink.writeHeader))
        set(tn_setopt_pointer(handle, CURLOPT_HEADERDATA, sink.userdata))
        set(tn_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        set(tn_setopt_progress(handle, CURLOPT_XFERINFOFUNCTION, ResponseSink.progress))
        set(tn_setopt_pointer(handle, CURLOPT_XFERINFODATA, sink.userdata))
        guard setupError == CURLE_OK else {
            return .failure(error(setupError, buffer: errorBuffer, sink: sink))
        }

        let result = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        guard result == CURLE_OK else {
            return .failure(error(result, buffer: errorBuffer, sink: sink))
        }
        var status = 0
        _ = tn_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(UpstreamResponse(status: status, headers: sink.headers, body: sink.body))
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }

    private static func error(_ code: CURLcode, buffer: UnsafePointer<CChar>, sink: ResponseSink) -> TransportError {
        if sink.cancelled.load(ordering: .relaxed) {
            return TransportError(code: Int(code.rawValue), message: "cancelled while waiting for the upstream")
        }
        var message = String(cString: buffer)
        if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
        return TransportError(code: Int(code.rawValue), message: message, isTimeout: code == CURLE_OPERATION_TIMEDOUT)
    }
}

extension CurlClient: UpstreamFetching {
    public func get(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError> {
        var request = request
        request.method = .get
        return await send(request)
    }
}
