import Forms
import Foundation
import GRDB
import Hummingbird
import Storage

/// The safeguarding queue: entries flagged as disclosing current harm, for staff with the
/// safeguarding permission only (a coordinator with it sees their own school's). They are never
/// forwarded or shown on dashboards; reading and handling them is audited.
struct SafeguardingController {
    let database: AppDatabase

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safeguarding", use: queue)
        group.post("safeguarding/{id}/handled", use: handled)
    }

    private func requirePermission(_ context: AppRequestContext) throws -> StaffUser {
        let staff = try context.requireStaff()
        guard staff.safeguarding else {
            throw APIError(.forbidden, code: "forbidden_safeguarding",
                           vi: "Chỉ cán bộ được giao bảo vệ trẻ em mới xem được danh sách này",
                           en: "only staff with the safeguarding permission may see this queue")
        }
        return staff
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let school = staff.visibleSchool
        let items: [JSONValue] = try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.school_code, s.received_at, s.voice, s.safeguarding_reasons, s.grade, s.age,
                       s.safeguarding_handled_at, s.safeguarding_handled_by
                FROM submissions s WHERE s.safeguarding AND (?1 IS NULL OR s.school_code = ?1)
                ORDER BY s.safeguarding_handled_at IS NOT NULL, s.seq DESC LIMIT 500
                """, arguments: [school]).map { row in
                var item: [String: JSONValue] = [
                    "id": .string(row["id"]), "school": .string(row["school_code"]),
                    "receivedAt": .string(row["received_at"]), "text": .string(row["voice"]),
                    "reasons": .string(row["safeguarding_reasons"] ?? ""),
                ]
                if let grade: Int = row["grade"] { item["grade"] = .int(grade) }
                if let age: Int = row["age"] { item["age"] = .int(age) }
                if let at: String = row["safeguarding_handled_at"] {
                    item["handledAt"] = .string(at)
                    item["handledBy"] = .string(row["safeguarding_handled_by"] ?? "")
                }
                return .object(item)
            }
        }
        try await database.audit(actor: staff.username, action: "safeguarding.read", detail: school ?? "all")
        return .json(["entries": .array(items), "hotline": .string(SafeguardingScreen.hotline)])
    }

    @Sendable func handled(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try requirePermission(context)
        let id = (context.parameters.get("id") ?? "").lowercased()
        let changed = try await database.pool.write { db -> Int in
            try db.execute(sql: """
                UPDATE submissions SET safeguarding_handled_at = ?, safeguarding_handled_by = ?
                WHERE id = ? AND safeguarding AND (? IS NULL OR school_code = ?)
                """, arguments: [Timestamp.string(Date()), staff.username, id, staff.visibleSchool, staff.visibleSchool])
            return db.changesCount
        }
        guard changed == 1 else {
            throw APIError(.notFound, code: "not_found", vi: "Không có ý kiến này trong danh sách", en: "no such entry in the queue")
        }
        try await database.audit(actor: staff.username, action: "safeguarding.handled", detail: id)
        return .json(["id": .string(id), "status": "handled"])
    }
}
