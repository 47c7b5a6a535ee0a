import Foundation

extension Form {
    /// JSON Schema (2020-12) of a submission envelope for this form, for clients that validate before sending.
    /// Lengths count user-perceived characters after NFC normalisation; a schema validator counts code
    /// points, which is the same for NFC Vietnamese text.
    public func jsonSchema() -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for field in fields {
            properties[field.id] = field.jsonSchema()
        }
        let required = fields.filter(\.required).map { JSONValue.string($0.id) }
        let answers: JSONValue = .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(required),
            "additionalProperties": false,
        ])
        return .object([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string("urn:tiengnoi:form:\(id):\(version)"),
            "title": .string(title.vi),
            "type": "object",
            "properties": .object([
                "id": .object([
                    "type": "string", "format": "uuid",
                    "description": "Client-chosen id; resending the same id is not duplicated",
                ]),
                "form": .object(["const": .string(id)]),
                "formVersion": .object(["const": .int(version)]),
                "answers": answers,
            ]),
            "required": ["form", "formVersion", "answers"],
            "additionalProperties": false,
        ])
    }
}

extension Field {
    func jsonSchema() -> JSONValue {
        var schema: [String: JSONValue] = ["title": .string(label.vi)]
        if let en = label.en { schema["description"] = .string(en) }
        switch type {
        case .text, .longtext:
            schema["type"] = "string"
            schema["maxLength"] = .int(maxLength ?? defaultTextMaxLength)
        case .integer:
            schema["type"] = "integer"
            if let min { schema["minimum"] = .int(min) }
            if let max { schema["maximum"] = .int(max) }
        case .choice:
            schema["type"] = "string"
            schema["enum"] = .array(choices.map { .string($0.code) })
        case .multichoice:
            schema["type"] = "array"
            schema["uniqueItems"] = true
            schema["items"] = .object(["type": "string", "enum": .array(choices.map { .string($0.code) })])
        case .boolean:
            schema["type"] = "boolean"
        case .date:
            schema["type"] = "string"
            schema["format"] = "date"
        }
        if let role { schema["x-tiengnoi-role"] = .string(role.rawValue) }
        return .object(schema)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
