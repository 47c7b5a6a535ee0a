import Events
import Forms
import Foundation
import Hummingbird
import Storage

/// `/staff/events`: the forums, dialogues and meetings held — the list (a coordinator sees their
/// school's, district staff every unit's) and the form to record one (coordinators for their own
/// school, admins for any); `/staff/events/{id}`: one event. The same checks as
/// `POST /api/v1/events` and `tiengnoi events add`, each error beside its field with the input kept.
struct EventPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/events"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/events", use: list)
        group.post("staff/events", use: add)
        group.get("staff/events/{id}", use: show)
        group.get("staff/events/{id}/edit", use: editForm)
        group.post("staff/events/{id}/edit", use: edit)
    }

    static let counts: [(String, String)] = [
        ("girls", "Nữ"), ("boys", "Nam"), ("otherGender", "Khác, không nêu"), ("under12", "Dưới 12 tuổi"),
        ("from12to16", "Từ 12 đến 16 tuổi"), ("over16", "Trên 16 tuổi"), ("specialCircumstances", "Trẻ có hoàn cảnh đặc biệt (chỉ số lượng)"),
    ]

    func render(_ staff: StaffUser, _ context: AppRequestContext, input: FormFields? = nil, errors: [String: String] = [:],
                notice: String? = nil, noticeLink: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Hoạt động, diễn đàn",
                                     lead: "Các diễn đàn, đối thoại, buổi sinh hoạt đã tổ chức: ai đến dự, lãnh đạo nào trả lời, vấn đề nào được nêu.",
                                     assets: pages.assets.paths)
        let kinds = environment.eventKinds
        let events = try await environment.events.list(unit: staff.visibleSchool, limit: 200)
        let names = Dictionary(try await environment.schools.allSchools().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        page["events"] = events.map { event -> [String: Any] in
            ["id": event.id, "kind": kinds.kind(event.kind)?.label ?? event.kind, "unit": names[event.unit] ?? event.unit,
             "day": VietnameseFormat.date(event.heldOn), "children": event.attendance.children, "place": event.place]
        }
        page["mayRecord"] = staff.mayRecordEvents
        page.merge(try await formContext(staff, input: input, errors: errors), uniquingKeysWith: { _, new in new })
        page["formAction"] = Self.path
        page["submitLabel"] = "Ghi hoạt động"
        if let notice { page["notice"] = notice }
        if let noticeLink { page["noticeLink"] = noticeLink }
        return pages.render("staff-events", page, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try context.requireStaff(), context)
    }

    /// Leaders one per line as «Tên — Cơ quan» (or «Tên | Cơ quan»); issues as ids, one per line.
    static func leaders(_ text: String) -> [Event.Leader] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "|" || $0 == "—" })
                .map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping }
            guard !parts.allSatisfy(\.isEmpty) else { return nil }
            return Event.Leader(name: parts[0], office: parts.count > 1 ? parts[1] : "")
        }
    }

    /// The record form's fields: kinds, units the staff member may choose, counts, the typed input
    /// kept and each error beside its field.
    func formContext(_ staff: StaffUser, input: FormFields?, errors: [String: String]) async throws -> [String: Any] {
        var page: [String: Any] = [:]
        let chosenKind = input?["kind"] ?? ""
        page["kinds"] = environment.eventKinds.kinds.map { ["code": $0.code, "label": $0.label, "selected": $0.code == chosenKind] }
        let chosenUnit = input?["unit"] ?? staff.visibleSchool ?? ""
        page["units"] = try await environment.schools.allSchools()
            .filter { staff.visibleSchool == nil || $0.code == staff.visibleSchool }
            .map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosenUnit] }
        page["counts"] = Self.counts.map { ["name": $0.0, "label": $0.1, "value": input?[$0.0] ?? "", "error": errors[$0.0] ?? ""] }
        page["input"] = ["heldOn": input?["heldOn"] ?? "", "place": input?["place"] ?? "", "leaders": input?["leaders"] ?? "",
                         "issues": input?["issues"] ?? "", "outcome": input?["outcome"] ?? ""]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa ghi được: xem các ô được đánh dấu bên dưới." }
        return page
    }

    /// The form's fields as a draft; a count that is not a whole number is an error beside it.
    func draft(_ fields: FormFields, staff: StaffUser) -> (EventDraft, [String: String]) {
        let unit = staff.visibleSchool ?? School.canonicalCode(fields["unit"] ?? "")
        var errors: [String: String] = [:]
        func count(_ name: String) -> Int {
            let text = (fields[name] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return 0 }
            guard let value = Int(text) else {
                errors[name] = "Nhập một số nguyên."
                return 0
            }
            return value
        }
        let attendance = Event.Attendance(
            girls: count("girls"), boys: count("boys"), otherGender: count("otherGender"), under12: count("under12"),
            from12to16: count("from12to16"), over16: count("over16"), specialCircumstances: count("specialCircumstances"))
        let draft = EventDraft(
            kind: fields["kind"] ?? "", unit: unit, heldOn: (fields["heldOn"] ?? "").trimmingCharacters(in: .whitespaces),
            place: (fields["place"] ?? "").trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping,
            attendance: attendance, leaders: Self.leaders(fields["leaders"] ?? ""),
            issues: (fields["issues"] ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init),
            outcome: (fields["outcome"] ?? "").precomposedStringWithCanonicalMapping)
        return (draft, errors)
    }

    /// The store's field errors, each beside its box (leaders and issues are one box each).
    static func pageErrors(_ invalid: EventStore.Invalid, into errors: inout [String: String]) {
        for error in invalid.errors {
            let field = error.field.hasPrefix("leaders") ? "leaders" : error.field.hasPrefix("issues") ? "issues" : error.field
            errors[field] = errors[field] ?? error.messageVI + "."
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        var (draft, errors) = self.draft(fields, staff: staff)
        guard errors.isEmpty else {
            return try await render(staff, context, input: fields, errors: errors, status: .unprocessableContent)
        }
        do {
            let event = try await environment.events.add(draft, kinds: environment.eventKinds, actor: staff.username)
            return try await render(staff, context, notice: "Đã ghi hoạt động ngày \(VietnameseFormat.date(event.heldOn)) với \(event.attendance.children) trẻ em.",
                                    noticeLink: "/staff/events/\(event.id)#minh-chung", status: .created)
        } catch let invalid as EventStore.Invalid {
            Self.pageErrors(invalid, into: &errors)
            return try await render(staff, context, input: fields, errors: errors, status: .unprocessableContent)
        }
    }

    /// The event's fields as the form writes them, to edit.
    static func fields(of event: Event) -> FormFields {
        let a = event.attendance
        var values: [String: String] = [
            "kind": event.kind, "unit": event.unit, "heldOn": event.heldOn, "place": event.place, "outcome": event.outcome,
            "leaders": event.leaders.map { "\($0.name) | \($0.office)" }.joined(separator: "\n"), "issues": event.issues.joined(separator: "\n"),
        ]
        for (name, value) in [("girls", a.girls), ("boys", a.boys), ("otherGender", a.otherGender), ("under12", a.under12),
                              ("from12to16", a.from12to16), ("over16", a.over16), ("specialCircumstances", a.specialCircumstances)] {
            values[name] = String(value)
        }
        return FormFields(values)
    }

    func renderEdit(_ staff: StaffUser, _ context: AppRequestContext, _ event: Event, input: FormFields, errors: [String: String] = [:],
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Sửa hoạt động", assets: pages.assets.paths)
        page.merge(try await formContext(staff, input: input, errors: errors), uniquingKeysWith: { _, new in new })
        page["formAction"] = "/staff/events/\(event.id)/edit"
        page["submitLabel"] = "Lưu thay đổi"
        page["backHref"] = "/staff/events/\(event.id)"
        return pages.render("staff-event-edit", page, status: status)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await event(context, staff)
        return try await renderEdit(staff, context, event, input: Self.fields(of: event))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await event(context, staff)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        var (draft, errors) = self.draft(fields, staff: staff)
        guard errors.isEmpty else {
            return try await renderEdit(staff, context, event, input: fields, errors: errors, status: .unprocessableContent)
        }
        do {
            guard let updated = try await environment.events.update(id: event.id, draft, kinds: environment.eventKinds, actor: staff.username)
            else { throw APIError(.notFound, code: "not_found", vi: "Không có hoạt động này", en: "no such event") }
            return try await renderEvent(staff, context, updated, notice: "Đã lưu thay đổi.")
        } catch let invalid as EventStore.Invalid {
            Self.pageErrors(invalid, into: &errors)
            return try await renderEdit(staff, context, event, input: fields, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        return try await renderEvent(staff, context, try await event(context, staff))
    }

    /// The event named in the path, if this staff member may see it (a coordinator: their school's).
    func event(_ context: AppRequestContext, _ staff: StaffUser) async throws -> Event {
        try await environment.events.visible(id: context.parameters.get("id") ?? "", to: staff)
    }

    func renderEvent(_ staff: StaffUser, _ context: AppRequestContext, _ event: Event, errors: [String: String] = [:],
                     notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = event.attendance
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path,
                                     title: "\(environment.eventKinds.kind(event.kind)?.label ?? event.kind) — \(VietnameseFormat.date(event.heldOn))",
                                     assets: pages.assets.paths)
        let school = try await environment.schools.school(code: event.unit)
        var shown: [String: Any] = [
            "unit": school?.name ?? event.unit, "children": a.children, "girls": a.girls, "boys": a.boys,
            "otherGender": a.otherGender, "under12": a.under12, "from12to16": a.from12to16, "over16": a.over16,
            "special": a.specialCircumstances, "createdBy": event.createdBy,
        ]
        // Mustache opens a section for the empty string too: left out unless there is something.
        if !event.place.isEmpty { shown["place"] = event.place }
        if !event.outcome.isEmpty { shown["outcome"] = event.outcome }
        page["event"] = shown
        page["leaders"] = event.leaders.map { ["name": $0.name, "office": $0.office] }
        page["issues"] = event.issues.map { ["id": $0, "href": "/staff/answers/issue/\($0)"] }
        page["hasLeaders"] = !event.leaders.isEmpty
        page["hasIssues"] = !event.issues.isEmpty
        page["mayOpenIssues"] = staff.visibleSchool == nil
        page["eventID"] = event.id
        let files = try await environment.events.evidence(event: event.id)
        page["evidence"] = files.map { item -> [String: Any] in
            [
                "href": "/staff/events/\(event.id)/evidence/\(item.sha256)", "photo": item.kind == .photo,
                "sha": String(item.sha256.prefix(12)), "sha256": item.sha256, "kb": max(1, item.bytes / 1024), "consent": item.consent,
                "consentAction": "/staff/events/\(event.id)/evidence/\(item.sha256)/consent", "by": item.createdBy,
            ]
        }
        page["photoCount"] = files.filter { $0.kind == .photo }.count
        page["documentCount"] = files.filter { $0.kind == .document }.count
        page["mayAttach"] = staff.mayRecordEvents
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa lưu được tệp: xem ô được đánh dấu bên dưới." }
        if let notice { page["notice"] = notice }
        return pages.render("staff-event", page, status: status)
    }
}
