import Foundation
import Storage

/// Is this request really from the registered unit it names, and was it signed just now? The same
/// check guards a pushed summary (over its idempotency key and body) and a pull of answers (over an
/// empty key and body).
public struct SenderAuthentication: Sendable {
    public let database: AppDatabase
    public let clock: @Sendable () -> Date
    /// How far a request's timestamp may be from this server's clock, either way.
    public let tolerance: Double

    public init(database: AppDatabase, tolerance: Double = 5 * 60, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.tolerance = tolerance
        self.clock = clock
    }

    /// The registered sender when every check passes; checked in the order a sender would want to
    /// fix them: who, proof, freshness. `sender` is signed as sent (the header's value, trimmed).
    public func check(
        sender: String?, timestamp: String?, signature: String?, idempotencyKey: String = "",
        body: Data
    ) async -> Result<RegisteredSender, IntakeRefusal> {
        guard let claimed = sender?.trimmingCharacters(in: .whitespaces), !claimed.isEmpty else {
            return .failure(.missingHeader("X-TiengNoi-Sender"))
        }
        let code = School.canonicalCode(claimed)
        let registered: RegisteredSender?
        do { registered = try await database.sender(code: code) } catch { return .failure(.unavailable) }
        guard let registered, let secret = try? UpstreamSecret(registered.secret) else {
            return .failure(.unknownSender(code))
        }
        guard let signature = signature?.trimmingCharacters(in: .whitespaces) else {
            return .failure(.missingHeader("X-TiengNoi-Signature"))
        }
        guard let stampText = timestamp else { return .failure(.missingHeader("X-TiengNoi-Timestamp")) }
        guard let stamp = Int64(stampText.trimmingCharacters(in: .whitespaces)) else {
            return .failure(.badTimestamp(stampText))
        }
        if signature.lowercased().hasPrefix(RequestSignature.retiredPrefix) { return .failure(.retiredSignature) }
        guard
            RequestSignature.isValid(
                signature, secret: secret, sender: claimed, idempotencyKey: idempotencyKey,
                timestamp: stamp, body: body)
        else {
            return .failure(.badSignature)
        }
        let now = clock()
        let skew = Double(stamp) - now.timeIntervalSince1970
        guard abs(skew) <= tolerance else {
            return .failure(.staleTimestamp(skew: skew, serverTime: Int64(now.timeIntervalSince1970)))
        }
        return .success(registered)
    }
}
