import Analysis
import Answers
import Foundation
import Hummingbird
import Logging
import Reports
import Storage
import Summary

/// `GET /dashboard`: where the whole campaign stands, for staff who see every school (admin,
/// viewer, responder). It sits behind the staff login; a school coordinator, who may see only
/// their own school, is refused rather than shown the other schools.
/// `GET /schools/{code}/dashboard`: the same charts for one school (its coordinator's home page),
/// read from the school-scoped summary that `GET /api/v1/schools/{code}/summary` returns.
struct DashboardController {
    let environment: ServerEnvironment
    let pages: HTMLPages
    /// The unit code the summary is built for, as `tiengnoi aggregate` does by default.
    var unit = "LOCAL"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("dashboard", use: show)
        group.get("schools/{code}/dashboard", use: school)
    }

    @Sendable func school(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        guard let school = try await environment.schools.school(code: code) else {
            throw APIError(.notFound, code: "not_found", vi: "Không có trường «\(code)»", en: "no school «\(code)»")
        }
        do {
            try await environment.analysis.run()
        } catch {
            context.logger.error("analysis before the school dashboard failed", metadata: ["error": "\(error)"])
        }
        var builder = SummaryBuilder(
            database: environment.database, forms: environment.forms, targets: environment.targets, unit: code)
        builder.school = code
        let summary = try await builder.build()
        let board = try await AnswerBoard(database: environment.database, policy: environment.targets.answers)
            .items(.init(school: code, limit: .max, wordingOf: code))
        var answers: [String: AnswerItem] = [:]
        for item in board where item.target.kind == "issue" { answers[item.target.id] = item }
        var page = DashboardPage(
            summary: summary, forms: environment.forms, schools: [school],
            campaignStart: environment.targets.start, answers: answers, assets: pages.assets.paths)
        page.schoolName = school.name
        page.pageTitle = "Ý kiến trẻ em — \(school.name)"
        // "1/1 school with entries" says nothing on a school's own page.
        page.totals.removeAll { $0.key == "activeSchools" }
        page.staffName = staff.username
        page.csrf = context.csrfToken
        page.nav = StaffPage.links(for: staff, current: "/schools/\(code)/dashboard").map {
            ["href": $0.href, "label": $0.label, "current": $0.current ? "true" : ""]
        }
        return pages.render("dashboard", page)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        guard staff.visibleSchool == nil else {
            return pages.render(
                "staff-forbidden",
                [
                    "pageTitle": "Bảng theo dõi dành cho cán bộ quận",
                    "school": staff.visibleSchool ?? "",
                    "csrf": context.csrfToken ?? "",
                    "assets": pages.assets.paths,
                ] as [String: Any],
                status: .forbidden)
        }
        // Entries sent since the last background pass are counted too; with nothing new this is cheap.
        do {
            try await environment.analysis.run()
        } catch {
            context.logger.error("analysis before the dashboard failed", metadata: ["error": "\(error)"])
        }
        // The units below count too, exactly as `tiengnoi aggregate` and the pushed summary count them.
        let below = try SummaryBuilder.latestBelow(environment.database)
        let calendar = environment.targets.calendar
        let chosen = PeriodQuery(request.uri.queryParameters, calendar: calendar)
        var builder = SummaryBuilder(
            database: environment.database, forms: environment.forms,
            targets: environment.targets, unit: unit)
        builder.period = chosen.period
        builder.periodLabel = chosen.label
        let summary = try await builder.build(below: below)
        // One read of the answer board serves both the issues' statuses and the overdue list.
        let board = try await AnswerBoard(database: environment.database, policy: environment.targets.answers)
            .items(.init(limit: .max))
        var answers: [String: AnswerItem] = [:]
        for item in board where item.target.kind == "issue" { answers[item.target.id] = item }
        var page = DashboardPage(
            summary: summary, forms: environment.forms, schools: try environment.database.schools(),
            campaignStart: environment.targets.start, answers: answers,
            overdue: AnswerBoard.byOffice(board.filter(\.overdue)), assets: pages.assets.paths)
        page.staffName = staff.username
        page.csrf = context.csrfToken
        page.nav = StaffPage.links(for: staff, current: "/dashboard").map {
            ["href": $0.href, "label": $0.label, "current": $0.current ? "true" : ""]
        }
        page.periods = chosen.choices(calendar)
        page.periodFrom = chosen.from
        page.periodTo = chosen.to
        page.periodText = chosen.text
        page.periodErrors = chosen.errors
        let tracker = DeadlineTracker(database: environment.database, calendar: calendar)
        page.setDeadlines(try await tracker.rows(), upcoming: calendar.upcoming(from: LocalCalendar.day(of: Date())))
        return pages.render("dashboard", page, status: chosen.errors.isEmpty ? .ok : .unprocessableContent)
    }
}
