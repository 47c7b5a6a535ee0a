import Foundation
import Storage
import Summary

/// The receiving side of a push, without HTTP: who sent it, is it really them, is it fresh, is it
/// a valid summary of their own unit; then store it once. Nothing is stored on any refusal.
/// The HTTP route (`POST /api/v1/intake/summaries`) only maps the outcome to a response.
public struct SummaryIntake: Sendable {
    public struct Request: Sendable {
        public var sender: String?
        public var timestamp: String?
        public var signature: String?
        public var idempotencyKey: String?
        public var body: Data

        public init(sender: String?, timestamp: String?, signature: String?, idempotencyKey: String?, body: Data) {
            self.sender = sender
            self.timestamp = timestamp
            self.signature = signature
            self.idempotencyKey = idempotencyKey
            self.body = body
        }
    }

    public enum Outcome: Sendable, Equatable {
        case stored(sender: String)
        /// The same Idempotency-Key and body were stored before: answered as a success, nothing added.
        case duplicate(sender: String)
        case refused(IntakeRefusal)
    }

    public let database: AppDatabase
    public let clock: @Sendable () -> Date
    /// How far a request's timestamp may be from this server's clock, either way.
    public let tolerance: Double
    public static let maxIdempotencyKeyLength = 200

    public init(database: AppDatabase, tolerance: Double = 5 * 60, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.tolerance = tolerance
        self.clock = clock
    }

    /// Intake is on exactly when at least one sender is registered (`tiengnoi senders add`);
    /// checked per request, so a sender added while the server runs counts at once.
    public func isOn() async throws -> Bool { try await database.hasSenders() }

    public func receive(_ request: Request) async -> Outcome {
        switch await check(request) {
        case let .failure(refusal):
            return .refused(refusal)
        case let .success((sender, key, generatedAt)):
            do {
                switch try await database.storeReceivedSummary(
                    sender: sender, idempotencyKey: key, payload: request.body,
                    generatedAt: generatedAt, now: clock())
                {
                case .stored: return .stored(sender: sender)
                case .duplicate: return .duplicate(sender: sender)
                case .conflict: return .refused(.idempotencyConflict(key))
                }
            } catch {
                return .refused(.unavailable)
            }
        }
    }

    /// Every check, in the order a sender would want to fix them: who, proof, freshness, content,
    /// and that the content speaks only for the sender and the units registered below it.
    func check(_ request: Request) async -> Result<(sender: String, key: String, generatedAt: String), IntakeRefusal> {
        guard let key = request.idempotencyKey?.trimmingCharacters(in: .whitespaces), !key.isEmpty,
            key.count <= Self.maxIdempotencyKeyLength
        else {
            return .failure(.missingIdempotencyKey)
        }
        let authentication = SenderAuthentication(database: database, tolerance: tolerance, clock: clock)
        let sender: RegisteredSender
        switch await authentication.check(
            sender: request.sender, timestamp: request.timestamp,
            signature: request.signature, idempotencyKey: key, body: request.body)
        {
        case let .failure(refusal): return .failure(refusal)
        case let .success(registered): sender = registered
        }
        let code = sender.code
        let summary: Summary
        switch Summary.decodeValidated(request.body) {
        case let .failure(problems): return .failure(.invalidSummary(problems.problems))
        case let .success(decoded): summary = decoded
        }
        guard School.canonicalCode(summary.unit) == code else {
            return .failure(.unitMismatch(unit: summary.unit, sender: code))
        }
        guard let generated = IntakeTime.parse(summary.generatedAt) else {
            return .failure(.invalidSummary(["generatedAt must be an ISO 8601 time, e.g. 2025-05-20T08:30:00Z"]))
        }
        do {
            var problems = SenderScope(sender: sender, schools: try database.schools()).problems(in: summary)
            let claimed = try await database.issueIDsReported(byOtherThan: code, among: summary.issues.map(\.id))
            for id in claimed.sorted().prefix(20) {
                problems.append("issue \(id.prefix(40)) was reported by another unit: an issue id belongs to the unit that formed it")
            }
            if !problems.isEmpty { return .failure(.foreignUnits(sender: code, problems)) }
        } catch {
            return .failure(.unavailable)
        }
        return .success((code, key, Timestamp.string(generated)))
    }
}

/// ISO 8601 with or without fractional seconds: other implementations may send either.
enum IntakeTime {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
