import Forms
import Foundation

/// A request body with a fixed shape: decoded into its `Decodable` struct after `JSONBody` has
/// checked the syntax (and said where malformed JSON breaks). Every key the struct does not know,
/// and the first value of a wrong type, come back as field errors in both languages — the one
/// mapping from decoding errors to what a person reads.
protocol TypedBody: Decodable {
    /// The keys the body may carry.
    static var fields: Set<String> { get }
}

extension TypedBody {
    /// Decodes `value` (already parsed), or throws the field errors.
    static func decode(_ value: JSONValue) throws(FieldErrors) -> Self {
        guard let object = value.objectValue else {
            throw FieldErrors([
                FieldError(
                    field: "", code: .wrongType, vi: "Cần một đối tượng JSON {…}",
                    en: "expected a JSON object {…}")
            ])
        }
        var errors: [FieldError] = []
        for key in object.keys.sorted() where !fields.contains(key) {
            errors.append(
                FieldError(
                    field: key, code: .unknownField, vi: "Trường «\(key.prefix(40))» không có",
                    en: "unknown field «\(key.prefix(40))»"))
        }
        do {
            let decoded = try JSONDecoder().decode(Self.self, from: Data(value.canonicalString().utf8))
            if errors.isEmpty { return decoded }
        } catch let error as DecodingError {
            errors.append(FieldErrors.fieldError(error))
        } catch {
            errors.append(FieldError(field: "", code: .wrongType, vi: "Nội dung không đọc được", en: "the body cannot be read"))
        }
        throw FieldErrors(errors.sorted { $0.field < $1.field })
    }
}

/// Field errors found while decoding a typed body.
struct FieldErrors: Error {
    var errors: [FieldError]
    init(_ errors: [FieldError]) { self.errors = errors }

    static func fieldError(_ error: DecodingError) -> FieldError {
        func name(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context):
            let field = name(context.codingPath + [key])
            return FieldError(field: field, code: .missingRequired, vi: "Thiếu «\(field)»", en: "«\(field)» is required")
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            let field = name(context.codingPath)
            let (vi, en) = kind(type)
            return FieldError(field: field, code: .wrongType, vi: "«\(field)» phải là \(vi)", en: "«\(field)» must be \(en)")
        case let .dataCorrupted(context):
            let field = name(context.codingPath)
            return FieldError(field: field, code: .wrongType, vi: "«\(field)» không đúng dạng", en: "«\(field)» has the wrong form")
        @unknown default:
            return FieldError(field: "", code: .wrongType, vi: "Nội dung không đọc được", en: "the body cannot be read")
        }
    }

    /// How a person would name the expected type.
    static func kind(_ type: Any.Type) -> (vi: String, en: String) {
        switch type {
        case is String.Type, is String?.Type: ("chuỗi ký tự", "a string")
        case is Bool.Type, is Bool?.Type: ("true hoặc false", "true or false")
        case is Int.Type, is Int?.Type, is Double.Type, is Double?.Type: ("một số", "a number")
        default: ("đúng kiểu", "of the right type")
        }
    }
}
