import Analysis
import Answers
import Forms
import Forwarder
import Foundation
import Hummingbird
import Reports
import Summary

/// `GET /api/v1/answers?since=N`: where a unit below pulls the answers to the issues it reported.
/// Signed like a push (the body signed is empty); on only when a sender is registered.
struct AnswerFeedController {
    let answers: any AnswerRepository
    let authentication: SenderAuthentication
    let intake: SummaryIntake

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("answers", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard (try? await intake.isOn()) == true else { throw SummaryIntakeController.off }
        let outcome = await authentication.check(
            sender: request.headers[SummaryIntakeController.senderHeader],
            timestamp: request.headers[SummaryIntakeController.timestampHeader],
            signature: request.headers[SummaryIntakeController.signatureHeader], body: Data())
        let sender: String
        switch outcome {
        case let .failure(refusal):
            context.logger.info("answer pull refused", metadata: ["code": "\(refusal.code)", "status": "\(refusal.status)"])
            throw APIError(refusal)
        case let .success(registered):
            sender = registered.code
        }
        let query = request.uri.queryParameters
        let since = try Self.number(query.get("since"), name: "since", default: 0, range: 0...Int64.max)
        let limit = try Self.number(
            query.get("limit"), name: "limit", default: Int64(AnswerFeed.defaultPageSize),
            range: 1...Int64(AnswerFeed.maximumPageSize))
        let page = try await answers.feedPage(for: sender, since: since, limit: Int(limit))
        if !page.answers.isEmpty {
            context.logger.info("answers sent down", metadata: ["sender": "\(sender)", "count": "\(page.answers.count)"])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(page))))
    }

    static func number(_ text: String?, name: String, default value: Int64, range: ClosedRange<Int64>) throws -> Int64 {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int64(text), range.contains(number) else {
            let bounds = range.upperBound == .max ? "≥ \(range.lowerBound)" : "\(range.lowerBound)…\(range.upperBound)"
            throw APIError(
                .badRequest, code: "invalid_parameter",
                vi: "Tham số \(name) phải là số nguyên \(bounds)", en: "the \(name) parameter must be a whole number \(bounds)")
        }
        return number
    }
}
