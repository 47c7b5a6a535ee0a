import Foundation
import Reports
import Hummingbird
import Storage
import Summary

/// `/staff/below`: the units registered to push summaries here, each with when it last sent, its
/// latest totals and what changed since the summary before; the ones that have sent nothing first.
/// District staff (every role but the school coordinator). Counts only: summaries carry no child's
/// words beyond issues' scrubbed wording, and none is shown here.
struct BelowPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/below"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/below", use: list)
    }

    static func signed(_ value: Int) -> String {
        value > 0 ? "+\(VietnameseFormat.number(value))" : value < 0 ? "−\(VietnameseFormat.number(-value))" : "không đổi"
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        guard staff.visibleSchool == nil else {
            throw APIError(.forbidden, code: "forbidden_role", vi: "Trang này dành cho cán bộ quận, huyện", en: "this page is for district staff")
        }
        let senders = try environment.database.senders()
        let received = try await environment.database.recentReceivedSummaries()
        var units: [[String: Any]] = []
        for sender in senders {
            let history = received[sender.code]
            let decoded = (history?.recent ?? []).compactMap { try? Summary.decodeValidated(Data($0.payload.utf8)).get() }
            var unit: [String: Any] = ["code": sender.code, "count": history?.count ?? 0]
            if let latest = history?.recent.first, let summary = decoded.first {
                unit["received"] = CasePagesController.when(latest.receivedAt)
                unit["entries"] = VietnameseFormat.number(summary.totals.entries)
                unit["consultations"] = VietnameseFormat.number(summary.totals.consultations)
                unit["activeSchools"] = "\(summary.totals.activeSchools)/\(summary.totals.registeredSchools)"
                unit["issues"] = summary.issues.count
                // The days its numbers cover, as it said; none said means its whole campaign so far.
                let period = summary.period.map { ReportPeriod(from: $0.from, to: $0.to) } ?? ReportPeriod()
                unit["period"] = (summary.period?.label.map { "\($0): " } ?? "") + period.vietnamese
                if decoded.count > 1 {
                    let before = decoded[1]
                    unit["change"] = "ý kiến \(Self.signed(summary.totals.entries - before.totals.entries)), "
                        + "lượt \(Self.signed(summary.totals.consultations - before.totals.consultations)), "
                        + "vấn đề \(Self.signed(summary.issues.count - before.issues.count))"
                } else {
                    unit["change"] = "lần gửi đầu tiên"
                }
                unit["sent"] = true
            } else {
                unit["sent"] = false
            }
            units.append(unit)
        }
        // Those that have sent nothing first: they are the ones to call.
        units.sort { ($0["sent"] as? Bool == true ? 1 : 0, $0["code"] as? String ?? "") < ($1["sent"] as? Bool == true ? 1 : 0, $1["code"] as? String ?? "") }
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Đơn vị cấp dưới",
                                     lead: "Các đơn vị đã đăng ký gửi tổng hợp lên đây: lần gửi gần nhất và thay đổi so với lần trước.",
                                     assets: pages.assets.paths)
        page["units"] = units
        page["silentCount"] = units.filter { $0["sent"] as? Bool != true }.count
        page["hasUnits"] = !units.isEmpty
        return pages.render("staff-below", page)
    }
}
