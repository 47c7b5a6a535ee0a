import Hummingbird
import NIOCore

/// Whether a request comes from this machine itself. Staff pages answer only such requests until
/// the Access issue adds a login.
enum LoopbackPeer {
    /// A request relayed by a proxy carries the proxy's loopback address, not the real client's:
    /// such requests are refused rather than trusted.
    static let proxyHeaders: Set<String> = ["forwarded", "x-forwarded-for", "x-real-ip"]

    static func allows(_ request: Request, from address: SocketAddress?) -> Bool {
        guard isLoopback(address) else { return false }
        return !request.headers.contains { proxyHeaders.contains($0.name.canonicalName) }
    }

    /// 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6-mapped address.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let text = address?.ipAddress?.lowercased() else { return false }
        switch address {
        case .v4?:
            return text.hasPrefix("127.")
        case .v6?:
            return text == "::1" || text.hasPrefix("::ffff:127.")
        default:
            return false
        }
    }
}
