import Analysis
import Forms
import Foundation
import Hummingbird
import Storage

/// The safeguarding queue: entries flagged as disclosing current harm, for staff with the
/// safeguarding permission only (a coordinator with it sees their own school's). They are never
/// forwarded or shown on dashboards; reading and handling them is audited.
struct SafeguardingController {
    let safeguarding: any SafeguardingRepository
    let accounts: any AccountRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safeguarding", use: queue)
        group.post("safeguarding/{id}/handled", use: handled)
    }

    private func requirePermission(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard staff.safeguarding else {
            throw APIError(
                .forbidden, code: "forbidden_safeguarding",
                vi: "Chỉ cán bộ được giao bảo vệ trẻ em mới xem được danh sách này",
                en: "only staff with the safeguarding permission may see this queue")
        }
        return staff
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let school = staff.visibleSchool
        let items: [JSONValue] = try await safeguarding.heldEntries(school: school, limit: 500).map { entry in
            var item: [String: JSONValue] = [
                "id": .string(entry.id), "school": .string(entry.schoolCode), "receivedAt": .string(entry.receivedAt),
                "text": .string(entry.voice), "reasons": .string(entry.safeguardingReasons ?? ""),
            ]
            // The kind of harm and the cues, in Vietnamese for the officer; the codes stay in "reasons".
            let reasons = HeldEntryReasons(codes: entry.safeguardingReasons ?? "")
            item["category"] = reasons.category.map { .string($0.rawValue) } ?? .null
            item["categoryLabel"] = .string(reasons.categoryVietnamese)
            item["cues"] = .array(reasons.cues.map { .string($0.vietnamese) })
            if let grade = entry.grade { item["grade"] = .int(grade) }
            if let age = entry.age { item["age"] = .int(age) }
            if let at = entry.safeguardingHandledAt {
                item["handledAt"] = .string(at)
                item["handledBy"] = .string(entry.safeguardingHandledBy ?? "")
            }
            return .object(item)
        }
        try await accounts.record(actor: staff.username, action: "safeguarding.read", detail: school ?? "all")
        return .json(["entries": .array(items), "hotline": .string(SafeguardingScreen.hotline)])
    }

    @Sendable func handled(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let id = (context.parameters.get("id") ?? "").lowercased()
        guard try await safeguarding.markHeldEntryHandled(id: id, by: staff.username, school: staff.visibleSchool, now: Date()) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có ý kiến này trong danh sách", en: "no such entry in the queue")
        }
        return .json(["id": .string(id), "status": "handled"])
    }
}
