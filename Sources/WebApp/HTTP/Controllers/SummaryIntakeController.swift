import Forms
import Forwarder
import Foundation
import Hummingbird
import Summary

/// `POST /api/v1/intake/summaries`: where units below push their signed summaries. On only when
/// at least one sender is registered (`tiengnoi senders add`); otherwise it answers 404.
/// The checks themselves live in `SummaryIntake`; this maps HTTP to them and back.
struct SummaryIntakeController {
    let intake: SummaryIntake
    let evidence: EvidenceIntake

    /// A district's summary of many schools, issues included, stays well under this.
    static let bodyLimit = 4 * 1024 * 1024

    /// `HTTPField.Name`, reached through what Hummingbird re-exports.
    typealias HeaderName = HTTPFields.Element.Name
    static let senderHeader = HeaderName("X-TiengNoi-Sender")!
    static let timestampHeader = HeaderName("X-TiengNoi-Timestamp")!
    static let signatureHeader = HeaderName("X-TiengNoi-Signature")!
    static let idempotencyHeader = HeaderName("Idempotency-Key")!

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("intake/summaries", use: receive)
        group.put("intake/evidence/{sha256}", use: receiveEvidence)
    }

    /// `PUT /api/v1/intake/evidence/{sha256}`: a photo or document a unit below listed with consent
    /// in its summary (docs/upstream.md). 201 stored, 200 already held.
    @Sendable func receiveEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard (try? await intake.isOn()) == true else { throw Self.off }
        let body = try await JSONBody.readAnyBytes(request, limit: EvidenceFile.maxBytes + 1)
        let outcome = await evidence.receive(
            sha256: context.parameters.get("sha256") ?? "", sender: request.headers[Self.senderHeader],
            timestamp: request.headers[Self.timestampHeader], signature: request.headers[Self.signatureHeader], body: body)
        return try Self.answer(outcome, what: "evidence", context: context)
    }

    /// 201 stored, 200 already held, or the refusal's status and bilingual body. The code says
    /// why; headers and body stay out of the log (the body may be large, the signature is a
    /// secret's output).
    static func answer(_ outcome: SummaryIntake.Outcome, what: String, context: AppRequestContext) throws -> Response {
        switch outcome {
        case let .stored(sender):
            context.logger.info("\(what) received", metadata: ["sender": "\(sender)"])
            return .json(["status": "stored", "sender": .string(sender)], status: .created)
        case let .duplicate(sender):
            return .json(["status": "duplicate", "sender": .string(sender)], status: .ok)
        case let .refused(refusal):
            context.logger.info("\(what) refused", metadata: ["code": "\(refusal.code)", "status": "\(refusal.status)"])
            throw APIError(refusal)
        }
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard (try? await intake.isOn()) == true else { throw Self.off }
        // The raw bytes, exactly as signed: the signature covers them byte for byte.
        let body = try await JSONBody.readBytes(request, limit: Self.bodyLimit)
        let outcome = await intake.receive(
            SummaryIntake.Request(
                sender: request.headers[Self.senderHeader], timestamp: request.headers[Self.timestampHeader],
                signature: request.headers[Self.signatureHeader], idempotencyKey: request.headers[Self.idempotencyHeader],
                body: body))
        return try Self.answer(outcome, what: "summary", context: context)
    }

    static let off = APIError(
        .notFound, code: "intake_off",
        vi: "Máy chủ này chưa nhận tổng hợp từ đơn vị cấp dưới: đăng ký bằng `tiengnoi senders add MÃ --secret-file TỆP`",
        en: "this server does not receive summaries yet: register a sender with `tiengnoi senders add CODE --secret-file PATH`")
}

extension APIError {
    init(_ refusal: IntakeRefusal) {
        var details: [String: JSONValue] = [:]
        if !refusal.problems.isEmpty { details["problems"] = .array(refusal.problems.map(JSONValue.string)) }
        if let serverTime = refusal.serverTime { details["server_time"] = .int(Int(serverTime)) }
        var headers: HTTPFields = [:]
        if let retryAfter = refusal.retryAfter { headers[.retryAfter] = String(retryAfter) }
        self.init(
            HTTPResponse.Status(code: refusal.status), code: refusal.code, vi: refusal.vi, en: refusal.en,
            details: details, headers: headers)
    }
}
