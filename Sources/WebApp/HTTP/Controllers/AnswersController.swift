import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import Reports
import Storage
import Summary

/// The staff's answer routes under `/api/v1/answers/…`, what the dashboard uses: the work list,
/// the overdue list per office, the answered share, and setting and publishing answers.
/// They sit behind staff sign-in: anyone signed in reads the work list (a coordinator only their
/// own school's); admins and responders set and publish answers, and each publication is audited.
struct AnswersController {
    let environment: ServerEnvironment

    static let bodyLimit = 64 * 1024

    var answers: any AnswerRepository { environment.answers }

    /// Publications are audited under the staff member's name; a held entry needs the safeguarding
    /// permission, and a responder answers only for their own office (or what no office has yet).
    static func author(_ staff: StaffUser) -> AnswerAuthor {
        AnswerAuthor(
            name: staff.username, mayAnswerHeld: staff.safeguarding,
            office: staff.role == .responder ? staff.office ?? "" : nil)
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("answers/items", use: items)
        group.get("answers/overdue", use: overdue)
        group.get("answers/share", use: share)
        group.put("answers/issues/{id}", use: setIssue)
        group.put("answers/entries/{id}", use: setEntry)
        group.post("answers/drafts/{id}/publish", use: publish)
    }

    @Sendable func items(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let query = request.uri.queryParameters
        var filter = AnswerBoard.Filter()
        switch query.get("overdue")?.lowercased() {
        case nil, "", "false", "0": filter.overdueOnly = false
        case "true", "1": filter.overdueOnly = true
        default: throw Self.badParameter("overdue", "true, false")
        }
        filter.school = try Self.school(query.get("school"), for: staff, context)
        filter.wordingOf = staff.visibleSchool
        filter.office = query.get("office").flatMap { $0.isEmpty ? nil : $0 }
        if let status = query.get("status"), !status.isEmpty {
            guard let known = AnswerStatus(rawValue: status) else { throw Self.badParameter("status", AnswerStatus.codeList) }
            filter.status = known
        }
        if let limit = query.get("limit") {
            guard let number = Int(limit), (1...5_000).contains(number) else { throw Self.badParameter("limit", "1…5000") }
            filter.limit = number
        }
        let found = try await answers.items(filter)
        return try .encoded(AnswerItemsBody(items: found.map(AnswerItemBody.init), count: found.count))
    }

    @Sendable func overdue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let school = try Self.school(request.uri.queryParameters.get("school"), for: staff, context)
        let groups = try await answers.overdueByOffice(school: school, wordingOf: staff.visibleSchool)
        return try .encoded(
            OverdueBody(
                offices: groups.map { group in
                    .init(
                        office: group.office.isEmpty ? nil : group.office, count: group.items.count,
                        items: group.items.map(AnswerItemBody.init))
                }))
    }

    /// This unit's answered share with the units below it, as the summary and targets report it.
    @Sendable func share(_ request: Request, context: AppRequestContext) async throws -> Response {
        // The unit's whole share: not for a coordinator, who sees one school.
        try context.requireRole(.admin, .responder, .viewer)
        let summary = try await SummaryBuilder(
            database: environment.database, forms: environment.forms,
            targets: environment.targets, unit: "LOCAL"
        )
        .build(below: try SummaryBuilder.latestBelow(environment.database))
        let targets = (summary.targets ?? []).filter { $0.metric == CampaignTargets.Metric.answeredShare.rawValue }
        return try .encoded(AnswerShareBody(summary.answers ?? .init(), targets: targets))
    }

    @Sendable func setIssue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await set(.issue(context.parameters.get("id") ?? ""), request, context)
    }

    @Sendable func setEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await set(.entry(context.parameters.get("id") ?? ""), request, context)
    }

    private func set(_ target: AnswerTarget, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        try context.requireRole(.admin, .responder)
        let staff = try context.requireStaff()
        let body = try await JSONBody.read(request, limit: Self.bodyLimit)
        var answer = try Self.answerRequest(target: target, body)
        // A responder answers for their own office; naming another is refused by the store.
        if answer.office == nil || answer.office?.isEmpty == true { answer.office = staff.office }
        do {
            let version = try await answers.set(answer, by: Self.author(staff))
            context.logger.info(
                "answer recorded",
                metadata: [
                    "target": "\(version.target)", "status": "\(version.status.rawValue)", "draft": "\(version.isDraft)",
                ])
            return try .encoded(AnswerEnvelope(answer: AnswerVersionBody(version)))
        } catch let refusal as AnswerRefusal {
            throw Self.invalid(refusal.errors)
        } catch let problem as AnswerProblem {
            throw APIError(problem)
        }
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireRole(.admin, .responder)
        let staff = try context.requireStaff()
        do {
            let version = try await answers.publish(answerID: context.parameters.get("id") ?? "", by: Self.author(staff))
            return try .encoded(AnswerEnvelope(answer: AnswerVersionBody(version)))
        } catch let problem as AnswerProblem {
            throw APIError(problem)
        }
    }

    /// The body of `PUT /api/v1/answers/issues/{id}` and `…/entries/{id}`.
    struct AnswerBody: TypedBody {
        static let fields: Set<String> = ["status", "text", "office", "reason", "solution", "dueDate", "draft"]
        var status: String?
        var text: String?
        var office: String?
        var reason: String?
        var solution: String?
        var dueDate: String?
        var draft: Bool?
    }

    /// The request the store checks; the body's shape is checked here, its rules by `AnswerRules`.
    static func answerRequest(target: AnswerTarget, _ body: JSONValue) throws -> AnswerRequest {
        let answer: AnswerBody
        do { answer = try AnswerBody.decode(body) } catch { throw invalid(error.errors) }
        return AnswerRequest(
            target: target, status: answer.status, text: answer.text, office: answer.office,
            reason: answer.reason, solution: answer.solution, dueDate: answer.dueDate,
            draft: answer.draft ?? false)
    }

    /// The school a list is limited to: a coordinator's own (403 for any other), else what was asked.
    static func school(_ asked: String?, for staff: StaffUser, _ context: AppRequestContext) throws -> String? {
        let asked = asked.flatMap { $0.isEmpty ? nil : School.canonicalCode($0) }
        guard staff.role == .coordinator else { return asked }
        if let asked { try context.requireAccess(toSchool: asked) }
        return staff.school
    }

    static func invalid(_ errors: [FieldError]) -> APIError {
        APIError(
            .unprocessableContent, code: "invalid_answer",
            vi: "Câu trả lời chưa hợp lệ: xem từng lỗi bên dưới",
            en: "the answer is not valid: see each error below", errors: errors)
    }

    static func badParameter(_ name: String, _ allowed: String) -> APIError {
        APIError(
            .badRequest, code: "invalid_parameter",
            vi: "Tham số \(name) không hợp lệ; dùng: \(allowed)", en: "invalid \(name) parameter; use: \(allowed)")
    }
}

extension APIError {
    /// 403 for what the author may not do, 404 for a target or draft that is not there.
    init(_ problem: AnswerProblem) {
        self.init(problem.isForbidden ? .forbidden : .notFound, code: problem.kind.rawValue, vi: problem.vi, en: problem.en)
    }
}
