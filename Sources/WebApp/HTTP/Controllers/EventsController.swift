import Events
import Forms
import Foundation
import Hummingbird
import Storage

/// `/api/v1/events`: the forums, dialogues and meetings units held. A coordinator records and reads
/// their own school's; admins any unit's; responders and viewers read. The same checks as the
/// events page and `tiengnoi events add`, every field error at once.
struct EventsController {
    let environment: ServerEnvironment

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("events", use: list)
        group.post("events", use: add)
        group.get("events/{id}", use: show)
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

        init(_ event: Event) {
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
        return try .encoded(ListBody(events: events.map(EventBody.init)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        guard let event = try await environment.events.event(id: context.parameters.get("id") ?? "", unit: staff.visibleSchool) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có hoạt động này", en: "no such event")
        }
        return try .encoded(EventBody(event))
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
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
        let draft = EventDraft(
            kind: body.kind, unit: unit, heldOn: body.heldOn, place: body.place ?? "", attendance: body.attendance ?? .init(),
            leaders: body.leaders ?? [], issues: body.issues ?? [], outcome: (body.outcome ?? "").precomposedStringWithCanonicalMapping)
        do {
            let event = try await environment.events.add(draft, kinds: environment.eventKinds, actor: staff.username)
            return try .encoded(EventBody(event), status: .created)
        } catch let invalid as EventStore.Invalid {
            throw APIError(.unprocessableContent, code: "invalid_event", vi: "Hoạt động chưa hợp lệ", en: "the event is not valid",
                           errors: invalid.errors)
        }
    }
}
