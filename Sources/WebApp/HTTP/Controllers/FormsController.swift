import Forms
import Foundation
import Hummingbird
import Storage

/// `GET /api/v1/forms` and `GET /api/v1/forms/{id}`: what a client needs to render and validate a form.
struct FormsController {
    let forms: FormVersions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("forms", use: list)
        group.get("forms/{id}", use: show)
        group.get("forms/{id}/schema", use: schema)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items: [JSONValue] = forms.latestForms.map { form in
            .object([
                "id": .string(form.id),
                "version": .int(form.version),
                "versions": .array(forms.versions(id: form.id).map(JSONValue.int)),
                "title": form.title.json,
            ])
        }
        return .json(["forms": .array(items)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try find(request, context: context)
        var json = try JSONValue(encoding: form)
        if case var .object(members) = json {
            members["contentHash"] = .string(form.contentHash)
            json = .object(members)
        }
        return .json(json)
    }

    @Sendable func schema(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(try find(request, context: context).jsonSchema())
    }

    private func find(_ request: Request, context: AppRequestContext) throws -> Form {
        let id = context.parameters.get("id") ?? ""
        var version = forms.current[id]
        if let raw = request.uri.queryParameters.get("version") {
            guard let number = Int(raw) else {
                throw APIError(
                    .badRequest, code: "invalid_parameter",
                    vi: "Tham số version phải là số nguyên", en: "the version parameter must be an integer")
            }
            version = number
        }
        guard let version, let form = forms.form(id: id, version: version) else {
            throw APIError(
                .notFound, code: "form_not_found",
                vi: "Không có biểu mẫu «\(id)»\(version.map { " phiên bản \($0)" } ?? "")",
                en: "no form «\(id)»\(version.map { " version \($0)" } ?? "")")
        }
        return form
    }
}

extension LocalizedText {
    var json: JSONValue {
        var object: [String: JSONValue] = ["vi": .string(vi)]
        if let en { object["en"] = .string(en) }
        return .object(object)
    }
}

extension JSONValue {
    /// Any Encodable as a JSONValue, through one encode/decode round trip.
    init(encoding value: some Encodable) throws {
        self = try JSONParser.parse(JSONEncoder().encode(value))
    }
}
