import Forms
import Foundation
import Hummingbird
import Reports
import Storage

/// `/staff/forms`: the campaign forms this server loaded (each id with its versions, fields and
/// themes) and the check of the forms folder as it is on disk now — the same lines as
/// `tiengnoi forms check`, so an admin who edited a file sees whether it will load at the next
/// start before restarting. Admins only; read only.
struct FormPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let path = "/staff/forms"

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/forms", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireAdmin(("xem các biểu mẫu", "sees the forms"))
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: Self.path, title: "Biểu mẫu của chiến dịch",
                                     lead: "Các biểu mẫu máy chủ đang dùng, và kết quả kiểm tra thư mục biểu mẫu lúc này.",
                                     assets: pages.assets.paths)
        page["forms"] = environment.forms.latestForms.map { form -> [String: Any] in
            ["id": form.id, "title": form.title.vi, "version": form.version,
             "versions": environment.forms.versions(id: form.id).map(String.init).joined(separator: ", "),
             "fieldCount": form.fields.count, "themeCount": form.themes.count,
             "themes": form.themes.map(\.name.vi).joined(separator: ", ")]
        }
        let check = FormsCheck.run(paths: [environment.formsDirectory])
        var problems = check.problems.map(\.description)
        if check.empty { problems.append("Không có tệp biểu mẫu nào trong \(environment.formsDirectory) — no form files found") }
        // The campaign file (targets and dates) sits beside the forms and is checked with them.
        do {
            _ = try CampaignTargets.load(formsDirectory: environment.formsDirectory)
        } catch let error as FormProblems {
            problems += error.problems.map(\.description)
        } catch {
            problems.append("\(error)")
        }
        page["folder"] = environment.formsDirectory
        page["checked"] = check.loaded.map { loaded -> [String: Any] in
            ["file": loaded.file, "id": loaded.form.id, "version": loaded.form.version,
             "running": environment.forms.latest(id: loaded.form.id)?.version == loaded.form.version]
        }
        page["valid"] = problems.isEmpty
        page["hasProblems"] = !problems.isEmpty
        page["problems"] = problems
        return pages.render("staff-forms", page)
    }
}
