import Events
import Forms
import Foundation
import Hummingbird
import Storage
import Summary

/// `/api/v1/events`: the forums, dialogues and meetings units held. A coordinator records and reads
/// their own school's; admins any unit's; responders and viewers read. The same checks as the
/// events page and `tiengnoi events add`, every field error at once.
struct EventsController {
    let environment: ServerEnvironment

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("events", use: list)
        group.post("events", use: add)
        group.get("events/{id}", use: show)
        group.put("events/{id}", use: update)
        group.post("events/{id}/evidence", use: attach)
    }

    /// The event named in the path, if this staff member may see it (a coordinator: their school's).
    func event(_ context: AppRequestContext, _ staff: StaffUser) async throws -> Event {
        try await environment.events.visible(id: context.parameters.get("id") ?? "", to: staff)
    }

    struct EvidenceBody: Codable {
        var sha256: String
        var kind: String
        var type: String
        var bytes: Int
        var consent: Bool
        var createdAt: String

        init(_ item: EvidenceItem) {
            sha256 = item.sha256
            kind = item.kind.rawValue
            type = item.contentType
            bytes = item.bytes
            consent = item.consent
            createdAt = item.createdAt
        }
    }

    struct AttachBody: Encodable {
        var status: String
        var evidence: EvidenceBody
        var removedMetadata: Bool
    }

    /// `POST /api/v1/events/{id}/evidence?consent=true`: the file's bytes as the body (its type is
    /// read from them); 201 stored, 200 already attached.
    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await event(context, staff)
        let consentText = request.uri.queryParameters.get("consent") ?? "false"
        guard ["true", "false", "1", "0"].contains(consentText) else {
            throw APIError(.unprocessableContent, code: "invalid_consent", vi: "«consent» là true hoặc false", en: "«consent» is true or false",
                           errors: [FieldError(field: "consent", code: .wrongType, vi: "true hoặc false", en: "true or false")])
        }
        let body = try await JSONBody.readAnyBytes(request, limit: EvidenceFile.maxBytes)
        do {
            switch try await environment.events.attach(event: event.id, data: body, consent: consentText == "true" || consentText == "1",
                                                       actor: staff.username)
            {
            case let .stored(item, removedMetadata):
                return try .encoded(AttachBody(status: "stored", evidence: EvidenceBody(item), removedMetadata: removedMetadata),
                                    status: .created)
            case let .alreadyAttached(item):
                return try .encoded(AttachBody(status: "duplicate", evidence: EvidenceBody(item), removedMetadata: false))
            }
        } catch let refused as EventStore.EvidenceRefused {
            throw APIError(HTTPResponse.Status(code: refused.problem.status), code: refused.problem.code, vi: refused.problem.vi,
                           en: refused.problem.en,
                           errors: [FieldError(field: "file", code: .wrongType, vi: refused.problem.vi, en: refused.problem.en)])
        }
    }

    struct EventBody: Codable {
        var id: String?
        var kind: String
        var unit: String
        var heldOn: String
        var place: String?
        var attendance: Event.Attendance?
        var leaders: [Event.Leader]?
        var issues: [String]?
        var outcome: String?
        var createdBy: String?
        /// Photos and documents, listed when one event is shown.
        var evidence: [EvidenceBody]?

        init(_ event: Event, evidence: [EvidenceItem]? = nil) {
            self.evidence = evidence?.map(EvidenceBody.init)
            id = event.id
            kind = event.kind
            unit = event.unit
            heldOn = event.heldOn
            place = event.place
            attendance = event.attendance
            leaders = event.leaders
            issues = event.issues
            outcome = event.outcome
            createdBy = event.createdBy
        }
    }

    struct ListBody: Encodable { var events: [EventBody] }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let query = request.uri.queryParameters
        let unit = staff.visibleSchool ?? query.get("unit").map(School.canonicalCode)
        if let asked = query.get("unit") { try context.requireAccess(toSchool: School.canonicalCode(asked)) }
        for name in ["from", "to"] {
            if let value = query.get(name), CalendarDate(value) == nil {
                throw APIError(.unprocessableContent, code: "invalid_date", vi: "«\(name)» phải là ngày dạng năm-tháng-ngày",
                               en: "«\(name)» must be a date YYYY-MM-DD",
                               errors: [FieldError(field: name, code: .wrongType, vi: "Ngày dạng năm-tháng-ngày", en: "a date YYYY-MM-DD")])
            }
        }
        let events = try await environment.events.list(unit: unit, from: query.get("from"), to: query.get("to"))
        return try .encoded(ListBody(events: events.map { EventBody($0) }))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let event = try await event(context, staff)
        return try .encoded(EventBody(event, evidence: try await environment.events.evidence(event: event.id)))
    }

    /// The body as a checked draft, for a unit this staff member may record for.
    func draft(_ request: Request, context: AppRequestContext) async throws -> EventDraft {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        let body: EventBody
        do {
            body = try JSONDecoder().decode(EventBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.unprocessableContent, code: "invalid_body",
                           vi: "Nội dung phải là JSON {kind, unit, heldOn, place, attendance, leaders, issues, outcome}",
                           en: "the body must be JSON {kind, unit, heldOn, place, attendance, leaders, issues, outcome}")
        }
        let unit = School.canonicalCode(body.unit)
        try context.requireAccess(toSchool: unit)
        return EventDraft(
            kind: body.kind, unit: unit, heldOn: body.heldOn, place: body.place ?? "", attendance: body.attendance ?? .init(),
            leaders: body.leaders ?? [], issues: body.issues ?? [], outcome: (body.outcome ?? "").precomposedStringWithCanonicalMapping)
    }

    /// `PUT /api/v1/events/{id}`: the whole event again, with the same checks as recording it.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await event(context, staff)
        let draft = try await draft(request, context: context)
        do {
            guard let updated = try await environment.events.update(id: event.id, draft, kinds: environment.eventKinds, actor: staff.username)
            else { throw APIError(.notFound, code: "not_found", vi: "Không có hoạt động này", en: "no such event") }
            return try .encoded(EventBody(updated))
        } catch let invalid as EventStore.Invalid {
            throw APIError(.unprocessableContent, code: "invalid_event", vi: "Hoạt động chưa hợp lệ", en: "the event is not valid",
                           errors: invalid.errors)
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let draft = try await draft(request, context: context)
        do {
            let event = try await environment.events.add(draft, kinds: environment.eventKinds, actor: staff.username)
            return try .encoded(EventBody(event), status: .created)
        } catch let invalid as EventStore.Invalid {
            throw APIError(.unprocessableContent, code: "invalid_event", vi: "Hoạt động chưa hợp lệ", en: "the event is not valid",
                           errors: invalid.errors)
        }
    }
}
