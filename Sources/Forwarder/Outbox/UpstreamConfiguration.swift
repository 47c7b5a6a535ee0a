import Foundation

/// Where and as whom this instance pushes: the same on `serve` and `push`.
public struct UpstreamConfiguration: Sendable {
    /// The receiver's full URL, e.g. `https://quan.example.vn/api/v1/intake/summaries`.
    public var url: String
    /// This unit's code as the receiver registered it; also the summary's `unit`.
    public var sender: String
    public var secret: UpstreamSecret
    public var client: CurlClient.Options

    public init(url: String, sender: String, secret: UpstreamSecret, client: CurlClient.Options = .init()) {
        self.url = url
        self.sender = sender
        self.secret = secret
        self.client = client
    }

    /// Accepts http and https URLs with a host. Plain http is allowed for a LAN or loopback and for
    /// tests; the signature still proves the sender, though the counts travel unencrypted.
    public static func checkURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// True for a plain `http://` address to anything but this machine: summaries and answers would
    /// cross the network readable and alterable (the signature proves who sent, it hides nothing).
    public static func isInsecure(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "http" else { return false }
        let host = (components.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return !(host == "localhost" || host == "::1" || host.hasPrefix("127."))
    }
}
