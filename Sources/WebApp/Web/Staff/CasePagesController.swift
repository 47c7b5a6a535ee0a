import Analysis
import Forms
import Foundation
import Hummingbird
import Storage

/// The safeguarding officer's case list and case pages. Only staff with the safeguarding
/// permission open them (a coordinator with it: their own school's); others get 403 and learn
/// nothing beyond the count the dashboard shows. Every read of a case and every change is audited.
struct CasePagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/cases", use: list)
        group.get("staff/cases/{id}", use: show)
        group.post("staff/cases/{id}", use: save)
    }

    func requirePermission(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard staff.safeguarding else {
            throw APIError(.forbidden, code: "forbidden_safeguarding",
                           vi: "Chỉ cán bộ được giao bảo vệ trẻ em mới xem được trang này",
                           en: "only staff with the safeguarding permission may see this page")
        }
        return staff
    }

    static func when(_ timestamp: String) -> String {
        guard let date = Timestamp.date(timestamp) else { return timestamp }
        let day = LocalCalendar.day(of: date)
        let time = Date(timeIntervalSince1970: date.timeIntervalSince1970 + LocalCalendar.offset)
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: time)
        return AnswerSheetPage.date(day) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let today = LocalCalendar.day(of: Date())
        let cases = try await environment.safeguarding.cases(school: staff.visibleSchool, limit: 1_000)
        // Overdue first, then the open ones, the closed last; newest first within each.
        let ordered = cases.enumerated().sorted { a, b in
            func rank(_ item: SafeguardingCase) -> Int { item.isOverdue(today: today) ? 0 : item.status == .closed ? 2 : 1 }
            return (rank(a.element), a.offset) < (rank(b.element), b.offset)
        }.map(\.element)
        try await environment.accounts.record(actor: staff.username, action: "safeguarding.read", detail: staff.visibleSchool ?? "all")
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/staff/cases", title: "Bảo vệ trẻ em",
                                     assets: pages.assets.paths)
        page["openCount"] = cases.filter { $0.status != .closed }.count
        page["overdueCount"] = cases.filter { $0.isOverdue(today: today) }.count
        page["cases"] = ordered.map { item -> [String: Any] in
            [
                "id": item.entry.id, "statusLabel": item.status.labelVI, "school": item.entry.schoolCode,
                "received": Self.when(item.entry.receivedAt), "overdue": item.isOverdue(today: today),
                "snippet": String(item.entry.voice.prefix(160)), "nextStep": item.nextStep ?? "",
                "nextStepDue": item.nextStepDue.map(AnswerSheetPage.date) ?? "",
                "category": HeldEntryReasons(codes: item.entry.safeguardingReasons ?? "").categoryVietnamese,
            ]
        }
        return pages.render("staff-cases", page)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let id = (context.parameters.get("id") ?? "").lowercased()
        return try await render(staff, context, id: id, input: nil, errors: [:],
                                saved: request.uri.queryParameters.get("saved") == "1")
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let id = (context.parameters.get("id") ?? "").lowercased()
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        var errors: [String: String] = [:]
        let status = CaseStatus(rawValue: fields["status"] ?? "") ?? .new
        let referral = (fields["referredTo"] ?? "").isEmpty ? nil : Referral(rawValue: fields["referredTo"] ?? "")
        if status == .referred && referral == nil {
            errors["referredTo"] = "Hãy chọn nơi đã chuyển em tới (111, công an, nhà trường, nhân viên công tác xã hội, y tế)."
        }
        let due = (fields["nextStepDue"] ?? "").trimmingCharacters(in: .whitespaces)
        if !due.isEmpty, CalendarDate(due) == nil { errors["nextStepDue"] = "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-12-05." }
        let note = (fields["note"] ?? "").nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty { errors["note"] = "Hãy ghi ngắn gọn đã làm gì, với ai: người sau cần biết." }
        if note.count > 4_000 { errors["note"] = "Ghi chú dài quá 4.000 ký tự." }
        guard errors.isEmpty else {
            return try await render(staff, context, id: id, input: fields, errors: errors, saved: false, status: .unprocessableContent)
        }
        let nextStep = (fields["nextStep"] ?? "").nfc.trimmingCharacters(in: .whitespaces)
        let update = CaseUpdate(status: status, referredTo: referral, nextStep: nextStep.isEmpty ? nil : String(nextStep.prefix(500)),
                                nextStepDue: due.isEmpty ? nil : due, note: note)
        guard try await environment.safeguarding.updateCase(id: id, update, by: staff.username, school: staff.visibleSchool, now: Date())
        else { throw APIError(.notFound, code: "not_found", vi: "Không có trường hợp này", en: "no such case") }
        return Response(status: .seeOther, headers: [.location: "/staff/cases/\(id)?saved=1"])
    }

    func render(_ staff: StaffUser, _ context: AppRequestContext, id: String, input: FormFields?, errors: [String: String],
                saved: Bool, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let (item, notes) = try await environment.safeguarding.safeguardingCase(id: id, school: staff.visibleSchool) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có trường hợp này", en: "no such case")
        }
        try await environment.accounts.record(actor: staff.username, action: "safeguarding.case.read", detail: id)
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/staff/cases", title: "Theo dõi một trường hợp",
                                     lead: "Khi em đang gặp nguy hiểm ngay: gọi 111 (miễn phí, cả ngày lẫn đêm).",
                                     assets: pages.assets.paths)
        let chosenStatus = input?["status"] ?? item.status.rawValue
        let chosenReferral = input?["referredTo"] ?? item.referredTo?.rawValue ?? ""
        page["id"] = item.entry.id
        page["saved"] = saved
        page["text"] = item.entry.voice
        page["school"] = item.entry.schoolCode
        page["grade"] = item.entry.grade.map(String.init) ?? ""
        page["age"] = item.entry.age.map(String.init) ?? ""
        page["received"] = Self.when(item.entry.receivedAt)
        let reasons = HeldEntryReasons(codes: item.entry.safeguardingReasons ?? "")
        page["category"] = reasons.categoryVietnamese
        page["cues"] = reasons.cuesVietnamese
        page["statusLabel"] = item.status.labelVI
        page["referredLabel"] = item.referredTo?.labelVI ?? ""
        page["nextStep"] = item.nextStep ?? ""
        page["nextStepDue"] = item.nextStepDue.map(AnswerSheetPage.date) ?? ""
        page["statusOptions"] = CaseStatus.allCases.map { ["code": $0.rawValue, "label": $0.labelVI, "selected": $0.rawValue == chosenStatus] }
        page["referralOptions"] = Referral.allCases.map { ["code": $0.rawValue, "label": $0.labelVI, "selected": $0.rawValue == chosenReferral] }
        page["input"] = ["nextStep": input?["nextStep"] ?? item.nextStep ?? "", "nextStepDue": input?["nextStepDue"] ?? item.nextStepDue ?? "",
                         "note": input?["note"] ?? ""]
        page["errors"] = errors
        if !errors.isEmpty { page["formError"] = "Chưa ghi lại được: xem các ô được đánh dấu bên dưới." }
        page["notes"] = notes.reversed().map { note -> [String: Any] in
            ["statusLabel": note.status.labelVI, "actor": note.actor, "at": Self.when(note.at), "note": note.note,
             "referredLabel": note.referredTo?.labelVI ?? "", "nextStep": note.nextStep ?? "",
             "nextStepDue": note.nextStepDue.map(AnswerSheetPage.date) ?? ""]
        }
        return pages.render("staff-case", page, status: status)
    }
}
