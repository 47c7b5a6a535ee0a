import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import Storage

/// The children's form: `GET /f/{school}` renders the campaign form for one school, `POST` takes a
/// plain HTML form post (no JavaScript needed), `GET /f/{school}/cam-on` thanks the child.
/// The script served with the form sends through `POST /api/v1/submissions` instead, with the
/// same client id, so an entry that reaches both doors is still stored once.
struct ChildFormController {
    let environment: ServerEnvironment
    let pages: HTMLPages

    static let bodyLimit = 64 * 1024

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("f/{school}", use: show)
        router.post("f/{school}", use: submit)
        router.get("f/{school}/cam-on", use: thanks)
        router.get("f/{school}/tra-loi", use: answers)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let school = try await school(request, context) else { return notFound(context) }
        guard let form = form(request.uri.queryParameters.get("form")) else { return notFound(context) }
        return page(
            ChildFormPage(
                form: form, school: school, clientID: Self.newClientID(),
                assets: pages.assets.paths))
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let school = try await school(request, context) else { return notFound(context) }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = environment.gate.limitForm(address: address, school: school.code) {
            var response = message(
                heading: "Em gửi nhanh quá",
                "Máy chủ đang nhận rất nhiều ý kiến. Em chờ \(wait) giây rồi bấm «Gửi ý kiến» lại nhé.",
                back: ChildFormPaths.form(school), status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let posted: URLEncodedFields
        do {
            let buffer = try await request.body.collect(upTo: Self.bodyLimit)
            posted = URLEncodedFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
        } catch {
            return message(
                heading: "Ý kiến dài quá",
                "Máy chủ chỉ nhận ý kiến ngắn hơn thế. Em quay lại, viết gọn hơn một chút rồi gửi nhé.",
                back: ChildFormPaths.form(school), status: .contentTooLarge)
        }
        // The version the page was drawn from, so a form updated meanwhile still takes this entry.
        let requested = posted["_form"].flatMap { id in
            posted["_version"].flatMap(Int.init).flatMap { environment.forms.form(id: id, version: $0) }
        }
        guard let form = requested ?? form(posted["_form"]) else { return notFound(context) }
        // A page always carries an id; one missing or mangled gets a fresh id rather than an error.
        let clientID = posted["_id"].flatMap(UUID.init(uuidString:))?.uuidString.lowercased() ?? Self.newClientID()
        let envelope: JSONValue = .object([
            "id": .string(clientID), "form": .string(form.id), "formVersion": .int(form.version),
            "answers": .object(WebFormAnswers.answers(form: form, posted: posted, school: school.code)),
        ])
        let (outcome, needsHelp) = await environment.intake.submitScreened(envelope, source: .web)
        switch outcome {
        case .created, .duplicate:
            // Post/redirect/get: reloading the thank-you page cannot send the entry again.
            return Response(status: .seeOther, headers: [.location: ChildFormPaths.thanks(school, hotline: needsHelp)])
        case let .invalid(errors):
            return page(
                ChildFormPage(
                    form: form, school: school, clientID: clientID, typed: posted, errors: errors,
                    assets: pages.assets.paths), status: .unprocessableContent)
        case .conflict:
            // This id already carries another entry (the page was reused after sending): keep what
            // the child wrote and give it a new id, to be sent with one more tap.
            return page(
                ChildFormPage(
                    form: form, school: school, clientID: Self.newClientID(), typed: posted,
                    notice: "Ý kiến trước của em đã được gửi rồi. Em bấm «Gửi ý kiến» thêm một lần để gửi ý kiến mới này nhé.",
                    assets: pages.assets.paths), status: .conflict)
        case .unavailable:
            return page(
                ChildFormPage(
                    form: form, school: school, clientID: clientID, typed: posted,
                    notice:
                        "Máy chủ đang bận nên chưa lưu được ý kiến của em. Em chờ một lát rồi bấm «Gửi ý kiến» lại nhé, những gì em viết vẫn còn đây.",
                    assets: pages.assets.paths), status: .serviceUnavailable)
        }
    }

    @Sendable func thanks(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let school = try await school(request, context) else { return notFound(context) }
        // A child whose words read as being hurt now sees the hotline first, in large type.
        let hotline = request.uri.queryParameters.get(ChildFormPaths.hotlineParameter) == SafeguardingScreen.hotline
        return pages.render(
            "child-thanks",
            [
                "pageTitle": "Cảm ơn em — \(school.name)", "schoolName": school.name, "hotlineFirst": hotline,
                "formURL": ChildFormPaths.form(school), "answersURL": ChildFormPaths.answers(school),
                "assets": pages.assets.paths,
            ] as [String: Any])
    }

    /// `GET /f/{school}/tra-loi`: what the children of this school asked and recommended that has a
    /// published answer, with the same key as the form. Each issue is shown by its wording as
    /// scrubbed for upstream (names and contacts removed), never a child's own entry, never a held one.
    @Sendable func answers(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let school = try await school(request, context) else { return notFound(context) }
        let items = try await environment.answers.items(.init(school: school.code, limit: 200, wordingOf: school.code))
        let shown = items.filter { item in
            guard case .issue = item.target, item.needsAnswer, item.published != nil else { return false }
            return true
        }
        return pages.render(
            "child-answers",
            [
                "pageTitle": "Các bác đã trả lời — \(school.name)", "schoolName": school.name,
                "formURL": ChildFormPaths.form(school), "assets": pages.assets.paths,
                "items": shown.map { item -> [String: Any] in
                    let answer = item.published!
                    return [
                        "themeLabel": themeLabel(item.theme), "wording": PersonalDataScrubber.scrub(item.wording),
                        "statusLabel": answer.status.labelVI, "office": answer.office, "text": answer.text,
                        "reason": answer.reason ?? "", "solution": answer.solution ?? "",
                    ]
                },
            ] as [String: Any])
    }

    private func themeLabel(_ code: String) -> String {
        for form in environment.forms.latestForms { if let theme = form.theme(code: code) { return theme.name.vi } }
        return "Vấn đề khác"
    }

    // MARK: -

    private func page(_ model: ChildFormPage, status: HTTPResponse.Status = .ok) -> Response {
        pages.render("child-form", model, status: status)
    }

    private func notFound(_ context: AppRequestContext) -> Response {
        let code = context.parameters.get("school") ?? ""
        return message(
            heading: "Chưa tìm thấy trường của em",
            "Đường dẫn này (mã trường «\(code)») chưa đúng hoặc đã cũ. "
                + "Em hỏi lại thầy cô phụ trách Đội đường dẫn mới của trường mình nhé.",
            status: .notFound)
    }

    private func message(heading: String, _ text: String, back: String? = nil, status: HTTPResponse.Status) -> Response {
        var context: [String: Any] = [
            "pageTitle": heading, "heading": heading, "message": text,
            "assets": pages.assets.paths,
        ]
        if let back { context["backURL"] = back }
        return pages.render("child-message", context, status: status)
    }

    /// The registered school the address names, matched as the API matches codes, when the
    /// address also carries that school's current link key. A wrong key looks like a wrong school.
    private func school(_ request: Request, _ context: AppRequestContext) async throws -> SchoolHeading? {
        guard let given = context.parameters.get("school"),
            let code = environment.intake.schools.resolve(given),
            let key = try await environment.schools.formKey(school: code),
            CSRF.constantTimeEqual(request.uri.queryParameters.get("k") ?? "", key)
        else { return nil }
        let name = try await environment.schools.school(code: code)?.name
        return SchoolHeading(code: code, name: name ?? code, linkKey: key)
    }

    /// The named form, or the first current form when the address names none.
    private func form(_ id: String?) -> Form? {
        if let id { return environment.forms.latest(id: id) }
        return environment.forms.latestForms.first
    }

    static func newClientID() -> String { UUID().uuidString.lowercased() }
}
