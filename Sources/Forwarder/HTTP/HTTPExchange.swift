import Foundation

/// One POST to the level above, as the outbox hands it to a transport.
public struct UpstreamRequest: Sendable {
    public var url: String
    /// Sent in this order; names as written.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(url: String, headers: [(name: String, value: String)], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
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
