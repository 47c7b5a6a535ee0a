import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import Reports
import Storage
import Summary

/// The summary for staff: the whole unit's for admins, responders and viewers; one school's for
/// its coordinator, who gets 403 for any other school.
struct StaffSummaryController {
    let environment: ServerEnvironment

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me", use: me)
        group.get("summary", use: unitSummary)
        group.get("schools/{code}/summary", use: schoolSummary)
    }

    /// Who is signed in, as `GET /api/v1/me` answers it.
    struct MeBody: Encodable {
        var username: String
        var role: String
        var safeguarding: Bool
        var school: String?
        var office: String?
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        return try .encoded(
            MeBody(
                username: staff.username, role: staff.role.rawValue, safeguarding: staff.safeguarding,
                school: staff.school, office: staff.office))
    }

    @Sendable func unitSummary(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireRole(.admin, .responder, .viewer)
        return try await summary(school: nil, request: request, context: context)
    }

    @Sendable func schoolSummary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        return try await summary(school: code, request: request, context: context)
    }

    /// `?period=ID` or `?from=&to=`: only the entries of those days (422 for a bad date or name).
    private func summary(school: String?, request: Request, context: AppRequestContext) async throws -> Response {
        let chosen = PeriodQuery(request.uri.queryParameters, calendar: environment.targets.calendar)
        if let (field, message) = chosen.errors.first {
            throw APIError(.unprocessableContent, code: "invalid_period", vi: message,
                           en: field == "period" ? "no such period in the campaign calendar" : "«\(field)» must be a date YYYY-MM-DD, from before to")
        }
        try await environment.analysis.run()
        var builder = SummaryBuilder(
            database: environment.database, forms: environment.forms,
            targets: environment.targets, unit: school ?? "LOCAL")
        builder.school = school
        builder.period = chosen.period
        builder.periodLabel = chosen.label
        let summary = try await builder.build()
        try await environment.accounts.record(
            actor: try context.requireStaff().username, action: "export.summary",
            detail: school ?? "unit")
        return try .encoded(summary)
    }
}
