import Crypto
import Forms
import Foundation

/// The `X-TiengNoi-Signature` of a request from a unit below: `v2=` followed by the lower-case hex
/// of HMAC-SHA256(secret, message), where the message is
///
///     "tiengnoi-v2\n" + sender + "\n" + idempotency key + "\n" + unix seconds + "\n" + body
///
/// Everything a receiver acts on is inside the MAC: who sends (a unit cannot reuse another's
/// signed request), the idempotency key (a captured push replayed under a new key does not verify,
/// so it cannot be stored twice), the time (an old request cannot be given a fresh timestamp) and
/// the body byte for byte. A pull of answers signs an empty key and an empty body.
/// The format is documented for other implementers in `docs/upstream.md`.
public enum RequestSignature {
    public static let prefix = "v2="
    /// What version 1 sent (timestamp and body only); refused with a message saying to upgrade.
    public static let retiredPrefix = "sha256="
    static let label = "tiengnoi-v2"

    public static func sign(
        secret: UpstreamSecret, sender: String, idempotencyKey: String, timestamp: Int64,
        body: Data
    ) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: signedBytes(sender: sender, idempotencyKey: idempotencyKey, timestamp: timestamp, body: body),
            using: secret.key)
        return prefix + hexString(code)
    }

    /// The three headers that prove a request upward (sender, Unix seconds of `now`, signature),
    /// in the order every request sends them: a push, a file of evidence, a pull of answers.
    public static func headers(
        secret: UpstreamSecret, sender: String, idempotencyKey: String, now: Date, body: Data
    ) -> [(name: String, value: String)] {
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        return [
            ("X-TiengNoi-Sender", sender),
            ("X-TiengNoi-Timestamp", String(timestamp)),
            ("X-TiengNoi-Signature",
             sign(secret: secret, sender: sender, idempotencyKey: idempotencyKey, timestamp: timestamp, body: body)),
        ]
    }

    /// True when `header` is the signature of exactly these parts. The comparison of the MACs
    /// takes the same time wherever they differ, so a forger learns nothing from timing.
    public static func isValid(
        _ header: String, secret: UpstreamSecret, sender: String, idempotencyKey: String,
        timestamp: Int64, body: Data
    ) -> Bool {
        guard header.hasPrefix(prefix), let given = decodeHex(header.dropFirst(prefix.count)),
            given.count == SHA256.byteCount
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            given,
            authenticating: signedBytes(
                sender: sender, idempotencyKey: idempotencyKey, timestamp: timestamp,
                body: body),
            using: secret.key)
    }

    static func signedBytes(sender: String, idempotencyKey: String, timestamp: Int64, body: Data) -> Data {
        var bytes = Data("\(label)\n\(sender)\n\(idempotencyKey)\n\(timestamp)\n".utf8)
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
