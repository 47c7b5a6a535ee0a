/// Why one answer was refused, in the shape the API returns (`field`, `code`, `message_vi`, `message_en`).
public struct FieldError: Codable, Hashable, Sendable {
    public enum Code: String, Codable, Sendable {
        case missingRequired = "missing_required"
        case wrongType = "wrong_type"
        case outOfRange = "out_of_range"
        case unknownChoice = "unknown_choice"
        case tooLong = "too_long"
        case unknownField = "unknown_field"
        case invalidText = "invalid_text"
        case unknownSchool = "unknown_school"
    }

    public var field: String
    public var code: Code
    public var messageVI: String
    public var messageEN: String

    public init(field: String, code: Code, vi: String, en: String) {
        self.field = field
        self.code = code
        self.messageVI = vi
        self.messageEN = en
    }

    enum CodingKeys: String, CodingKey {
        case field, code
        case messageVI = "message_vi"
        case messageEN = "message_en"
    }
}
