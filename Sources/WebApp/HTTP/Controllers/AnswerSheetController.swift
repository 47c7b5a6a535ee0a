import Analysis
import Answers
import Foundation
import Hummingbird
import Reports
import Storage
import Summary

/// `GET /schools/{code}/answers`: a school's printable answer sheet (HTML, Vietnamese). It shows
/// children's own words, so it needs staff sign-in; a coordinator opens only their own school's.
struct AnswerSheetController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("schools/{code}/answers", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = School.canonicalCode(context.parameters.get("code") ?? "")
        try context.requireAccess(toSchool: code)
        let school = try await environment.schools.school(code: code)
        let sheet = try await environment.answers.sheet(school: code)
        guard school != nil || !sheet.groups.isEmpty else {
            return pages.message(
                .notFound, title: "Không có trường này",
                text: "Không có trường nào mã «\(code)» trong danh sách trường của máy chủ.",
                english: "There is no school «\(code)» in this server's registry.")
        }
        var page = AnswerSheetPage(sheet: sheet, school: school, forms: environment.forms).context(now: Date())
        // The staff navigation on screen (not in print): the coordinator's work starts on this page.
        let staff = try context.requireStaff()
        page["hasNav"] = true
        page["nav"] = StaffPage.links(for: staff, current: "/schools/\(code)/answers").map {
            ["href": $0.href, "label": $0.label, "current": $0.current] as [String: Any]
        }
        return pages.render("answer-sheet", page)
    }
}
