import Forms
import Hummingbird
import Storage

/// `POST /api/v1/submissions` and its batch form for tablets syncing after a day offline.
struct SubmissionsController {
    let intake: SubmissionIntake
    let gate: SubmissionGate

    static let singleBodyLimit = 64 * 1024
    static let batchItemLimit = 500
    /// 500 entries of a few KiB each, with room to spare; beyond this the tablet should split.
    static let batchBodyLimit = 8 * 1024 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("submissions", use: create)
        group.post("submissions/batch", use: createBatch)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let envelope = try await JSONBody.read(request, limit: Self.singleBodyLimit)
        try await gate.admit(request, context: context) { schools(in: [envelope]) }
        let (outcome, needsHelp) = await intake.submitScreened(envelope, source: .api)
        switch outcome {
        case let .created(id), let .duplicate(id):
            var body: [String: JSONValue] = ["id": .string(id), "status": .string(outcome.statusName)]
            // Says only that the child should see the hotline: the page shows it, nothing else changes.
            if needsHelp { body["hotline"] = .string(SafeguardingScreen.hotline) }
            return .json(.object(body), status: .init(code: outcome.httpStatus))
        case let .conflict(id):
            throw APIError(
                .conflict, code: "id_conflict",
                vi: "Mã \(id) đã được dùng cho một ý kiến khác; hãy tạo mã mới cho ý kiến này",
                en: "id \(id) is already used by a different submission; use a new id for this one",
                details: ["id": .string(id)])
        case let .invalid(errors):
            throw APIError.validation(errors)
        case .unavailable:
            throw Self.unavailable
        }
    }

    @Sendable func createBatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: Self.batchBodyLimit)
        guard let items = body.objectValue?["submissions"]?.arrayValue else {
            throw APIError(
                .unprocessableContent, code: "invalid_batch",
                vi: "Cần một đối tượng {\"submissions\": [ … ]}",
                en: "expected an object {\"submissions\": [ … ]}")
        }
        guard items.count <= Self.batchItemLimit else {
            throw APIError(
                .unprocessableContent, code: "too_many_items",
                vi: "Một lần gửi tối đa \(Self.batchItemLimit) ý kiến (đang có \(items.count)); hãy chia nhỏ",
                en: "at most \(Self.batchItemLimit) submissions per batch (got \(items.count)); split it",
                details: ["limit": .int(Self.batchItemLimit)])
        }
        try await gate.admit(request, context: context) { schools(in: items) }
        let outcomes = await intake.submit(batch: items, source: .api)
        var results: [JSONValue] = []
        var counts: [String: Int] = [:]
        for (index, outcome) in outcomes.enumerated() {
            var result: [String: JSONValue] = ["index": .int(index), "status": .int(outcome.httpStatus)]
            switch outcome {
            case let .created(id), let .duplicate(id), let .conflict(id):
                result["id"] = .string(id)
            case let .invalid(errors):
                result["errors"] = .array(errors.map(\.json))
            case .unavailable:
                result["message_vi"] = .string(Self.unavailable.messageVI)
                result["message_en"] = .string(Self.unavailable.messageEN)
            }
            counts[outcome.statusName, default: 0] += 1
            results.append(.object(result))
        }
        var summary: [String: JSONValue] = ["results": .array(results)]
        for name in ["created", "duplicate", "conflict", "invalid", "unavailable"] {
            summary[name] = .int(counts[name] ?? 0)
        }
        return .json(.object(summary))
    }

    static let unavailable = APIError(
        .serviceUnavailable, code: "storage_unavailable",
        vi: "Máy chủ chưa lưu được ý kiến này; hãy gửi lại sau ít phút (cùng mã id)",
        en: "the server could not store this submission; send it again shortly (same id)",
        headers: [.retryAfter: "5"])

    /// The registered schools the envelopes name, read as the intake will read them (for the key
    /// check only; anything malformed or unknown is refused later with its field errors).
    func schools(in envelopes: [JSONValue]) -> Set<String> {
        var found: Set<String> = []
        for envelope in envelopes {
            guard let object = envelope.objectValue, let id = object["form"]?.stringValue,
                let form = object["formVersion"]?.intValue.flatMap({ intake.forms.form(id: id, version: $0) })
                    ?? intake.forms.latest(id: id),
                let field = form.field(role: .school),
                let given = object["answers"]?.objectValue?[field.id]?.stringValue
            else { continue }
            if let known = intake.schools.resolve(given) { found.insert(known) }
        }
        return found
    }
}

extension IntakeOutcome {
    var statusName: String {
        switch self {
        case .created: "created"
        case .duplicate: "duplicate"
        case .conflict: "conflict"
        case .invalid: "invalid"
        case .unavailable: "unavailable"
        }
    }
}
