import Forms
import Foundation
import Hummingbird
import MultipartKit
import Storage

/// `/schools/{code}/import`: the school's typed-up paper forms, uploaded as a CSV. The upload is
/// checked and previewed (valid rows, each refused row with its reasons); nothing is stored until
/// the coordinator confirms. The confirmation carries the file's text back in a hidden field, so
/// nothing waits on the server between the two steps; the refused rows download as a CSV to
/// correct and upload again. Uploading the same file again adds nothing (ids come from the rows).
/// The school's coordinator and admins; rows naming another school are refused.
struct ImportPagesController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    /// A school's typed-up forms: a few hundred rows are tens of kilobytes.
    static let fileLimit = 512 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("schools/{code}/import", use: page)
        group.post("schools/{code}/import", use: preview)
        group.post("schools/{code}/import/confirm", use: confirm)
    }

    func school(_ context: AppRequestContext) async throws -> (StaffUser, School) {
        try await StaffPage.schoolForItsStaff(context, schools: environment.schools, what: ("nhập phiếu giấy", "import paper forms"))
    }

    var form: Form? { environment.forms.latestForms.first }

    func render(_ staff: StaffUser, _ school: School, _ context: AppRequestContext, extra: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) -> Response {
        var page = StaffPage.context(staff, csrf: context.csrfToken, path: "/schools/\(school.code)/import",
                                     title: "Nhập phiếu giấy — \(school.name)",
                                     lead: "Phiếu các em viết tay, đã gõ vào bảng tính và lưu dạng «CSV UTF-8».",
                                     assets: pages.assets.paths)
        page["action"] = "/schools/\(school.code)/import"
        page["columns"] = (form?.fields ?? []).map { ["id": $0.id, "label": $0.label.vi, "required": $0.required] }
        for (key, value) in extra { page[key] = value }
        // Sections shown only when their list has something (mustache has no "is empty" test).
        page["hasRows"] = ((extra["rows"] as? [Any])?.isEmpty == false)
        page["hasRejects"] = ((extra["rejects"] as? [Any])?.isEmpty == false)
        return pages.render("staff-import", page, status: status)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, school) = try await school(context)
        return render(staff, school, context)
    }

    /// The multipart upload: checked and shown, nothing stored.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, school) = try await school(context)
        guard let data = try await Multipart.file(request, limit: Self.fileLimit + 64 * 1024) else {
            return render(staff, school, context, extra: ["errors": ["file": "Hãy chọn tệp CSV để tải lên."]], status: .unprocessableContent)
        }
        do {
            let text = try CSVTable.text(of: data, name: "tệp tải lên")
            return try render(staff, school, context, plan: text)
        } catch let error as CSVTableError {
            return render(staff, school, context, extra: ["errors": ["file": error.vi]], status: .unprocessableContent)
        }
    }

    func importer(_ school: School) throws -> PaperImport {
        guard let form else { throw APIError(.notFound, code: "no_form", vi: "Máy chủ chưa có biểu mẫu nào", en: "no form is loaded") }
        return PaperImport(intake: environment.intake, form: form, school: school.code)
    }

    func render(_ staff: StaffUser, _ school: School, _ context: AppRequestContext, plan text: String) throws -> Response {
        let plan = try importer(school).plan(try CSVTable.parse(text), onlySchool: school.code)
        let held = plan.rows.filter(\.submission.safeguarding).count
        return render(staff, school, context, extra: [
            "preview": true, "content": text, "validCount": plan.rows.count, "rejectCount": plan.rejects.count,
            // Mustache shows a section for any number, 0 too: a count shows only when it is some.
            "heldCount": held > 0 ? held as Any : false,
            // A held row's words are for the safeguarding officer only, also here.
            "rows": plan.rows.filter { !$0.submission.safeguarding }.prefix(20).map { row -> [String: Any] in
                ["number": row.number, "voice": row.submission.roles.voice, "kind": row.submission.roles.kind ?? "",
                 "grade": row.submission.roles.grade.map(String.init) ?? ""]
            },
            "rejects": plan.rejects.map { ["number": $0.number, "reasons": $0.reasons] },
        ])
    }

    /// `action=store`: stores the valid rows and reports; `action=rejects`: the refused rows as a CSV.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (staff, school) = try await school(context)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: CSRF.bodyLimit)))
        let text = fields["content"] ?? ""
        let plan: PaperImport.Plan
        let importer = try importer(school)
        do {
            plan = try importer.plan(try CSVTable.parse(text), onlySchool: school.code)
        } catch let error as CSVTableError {
            return render(staff, school, context, extra: ["errors": ["file": error.vi]], status: .unprocessableContent)
        }
        if fields["action"] == "rejects" {
            let csv = PaperImport.rejectsCSV(plan.rejects, header: plan.header, delimiter: plan.delimiter)
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8",
                          .contentDisposition: "attachment; filename=\"\(school.code)-dong-loi.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        let (report, rejects) = await importer.store(plan)
        try await environment.accounts.record(actor: staff.username, action: "import.paper",
                                              detail: "\(school.code) created=\(report.created) duplicate=\(report.alreadyStored) rejected=\(report.rejected)")
        return render(staff, school, context, extra: [
            "done": true, "created": report.created,
            "alreadyStored": report.alreadyStored > 0 ? report.alreadyStored as Any : false,
            "rejectCount": rejects.isEmpty ? false : rejects.count as Any,
            "content": text, "rejects": rejects.map { ["number": $0.number, "reasons": $0.reasons] },
        ], status: .ok)
    }
}

enum Multipart {
    private struct Upload: Decodable { var file: Data? }

    /// The `file` part of a multipart form post, nil when there is none or it is empty.
    static func file(_ request: Request, limit: Int) async throws -> Data? {
        var request = request
        let body = try await request.collectBody(upTo: limit)
        guard let boundary = boundary(request.headers[.contentType]),
            let upload = try? FormDataDecoder().decode(Upload.self, from: body, boundary: boundary),
            let data = upload.file, !data.isEmpty
        else { return nil }
        return data
    }

    /// The boundary of a `multipart/form-data` content type, quoted or not.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
