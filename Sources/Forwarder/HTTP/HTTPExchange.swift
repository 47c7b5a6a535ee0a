import Foundation

/// One request to the level above: a POST of a summary from the outbox, a PUT of a file of
/// evidence, or a GET of answers.
public struct UpstreamRequest: Sendable {
    public enum Method: String, Sendable {
        case post = "POST"
        case get = "GET"
        /// A file of evidence, stored under its checksum (idempotent).
        case put = "PUT"
    }

    public var url: String
    /// Sent in this order; names as written.
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var method: Method

    public init(url: String, headers: [(name: String, value: String)], body: Data, method: Method = .post) {
        self.url = url
        self.headers = headers
        self.body = body
        self.method = method
    }
}

/// What the level above answered. Any status counts as an answer; deciding what it means is
/// `DeliveryClassification`'s job.
public struct UpstreamResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// At most `CurlClient.Options.keptBodyBytes` of the body; the rest is read and dropped.
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The last value of a header, compared without regard to case (HTTP names are case-insensitive).
    public func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The request got no HTTP answer: refused, unreachable, timed out, dropped, TLS refused.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// libcurl's CURLcode, for logs and tests.
    public var code: Int
    /// curl's own explanation (CURLOPT_ERRORBUFFER), or its generic text for the code.
    public var message: String
    public var isTimeout: Bool

    public init(code: Int, message: String, isTimeout: Bool = false) {
        self.code = code
        self.message = message
        self.isTimeout = isTimeout
    }

    public var description: String { "curl error \(code): \(message)" }
}

/// Anything that can POST a request upstream; `CurlClient` in production, a scripted fake in tests.
public protocol UpstreamTransport: Sendable {
    func post(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError>
}

/// Anything that can GET from upstream (answers coming down); `CurlClient` in production.
public protocol UpstreamFetching: Sendable {
    func get(_ request: UpstreamRequest) async -> Result<UpstreamResponse, TransportError>
}
