import Crypto
import Forms
import Foundation

/// The `X-TiengNoi-Signature` of a summary: `sha256=` followed by the lower-case hex of
/// HMAC-SHA256(secret, "<unix seconds>." + body). The timestamp is inside the MAC so an old
/// request cannot be replayed with a fresh timestamp; the body is signed byte for byte as sent.
/// The format is documented for other implementers in `docs/upstream.md`.
public enum RequestSignature {
    public static let prefix = "sha256="

    public static func sign(secret: UpstreamSecret, timestamp: Int64, body: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: signedBytes(timestamp: timestamp, body: body),
                                                  using: secret.key)
        return prefix + hexString(code)
    }

    /// True when `header` is the signature of this timestamp and body. The comparison of the MACs
    /// takes the same time wherever they differ, so a forger learns nothing from timing.
    public static func isValid(_ header: String, secret: UpstreamSecret, timestamp: Int64, body: Data) -> Bool {
        guard header.hasPrefix(prefix), let given = decodeHex(header.dropFirst(prefix.count)),
              given.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: signedBytes(timestamp: timestamp, body: body),
                                                      using: secret.key)
    }

    static func signedBytes(timestamp: Int64, body: Data) -> Data {
        var bytes = Data("\(timestamp).".utf8)
        bytes.append(body)
        return bytes
    }

    static func decodeHex(_ text: Substring) -> Data? {
        guard text.count % 2 == 0 else { return nil }
        var bytes = Data(capacity: text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
