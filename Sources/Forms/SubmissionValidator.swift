import Foundation

/// A submission that passed its form: answers normalised (text in NFC) and roles read out.
public struct ValidatedSubmission: Hashable, Sendable {
    public var answers: [String: JSONValue]
    public var roles: RoleValues
}

extension Form {
    /// Checks every answer and returns every problem at once, so a coordinator fixes an entry in one go.
    public func validate(answers raw: [String: JSONValue]) -> Result<ValidatedSubmission, SubmissionErrors> {
        var errors: [FieldError] = []
        var clean: [String: JSONValue] = [:]

        for key in raw.keys.sorted() where field(id: key) == nil {
            errors.append(
                FieldError(
                    field: key, code: .unknownField,
                    vi: "Biểu mẫu không có mục «\(key)»",
                    en: "the form has no field «\(key)»"))
        }
        for field in fields {
            switch field.check(raw[field.id]) {
            case .absent:
                if field.required {
                    errors.append(
                        FieldError(
                            field: field.id, code: .missingRequired,
                            vi: "Chưa điền «\(field.label.vi)»: mục này bắt buộc",
                            en: "«\(field.label.english)» is required"))
                }
            case let .valid(value):
                clean[field.id] = value
            case let .invalid(error):
                errors.append(error)
            }
        }
        if !errors.isEmpty { return .failure(SubmissionErrors(errors)) }
        return .success(ValidatedSubmission(answers: clean, roles: RoleValues(form: self, answers: clean)))
    }
}

public struct SubmissionErrors: Error, Hashable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Text fields without their own `maxLength` still have a ceiling: nobody types a novel on a tablet.
public let defaultTextMaxLength = 1000

enum AnswerCheck {
    case absent
    case valid(JSONValue)
    case invalid(FieldError)
}

extension Field {
    func check(_ value: JSONValue?) -> AnswerCheck {
        guard let value, value != .null else { return .absent }
        switch type {
        case .text, .longtext: return checkText(value)
        case .integer: return checkInteger(value)
        case .choice: return checkChoice(value)
        case .multichoice: return checkMultichoice(value)
        case .boolean:
            return value.boolValue == nil ? .invalid(wrongType(value)) : .valid(value)
        case .date: return checkDate(value)
        }
    }

    private func checkText(_ value: JSONValue) -> AnswerCheck {
        guard let raw = value.stringValue else { return .invalid(wrongType(value)) }
        let text = raw.nfc
        if text.isBlank { return .absent }
        // In UTF-8 a control character below U+0020 is a byte below 0x20 and no other byte is.
        if text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            return .invalid(
                FieldError(
                    field: id, code: .invalidText,
                    vi: "«\(label.vi)» có ký tự điều khiển không hợp lệ",
                    en: "«\(label.english)» contains control characters"))
        }
        let limit = maxLength ?? defaultTextMaxLength
        // A text has no more characters than UTF-8 bytes: count them (grapheme by grapheme, the
        // costly part) only when the bytes could exceed the limit.
        if text.utf8.count > limit, case let length = text.count, length > limit {
            return .invalid(
                FieldError(
                    field: id, code: .tooLong,
                    vi: "«\(label.vi)» dài \(length) ký tự, tối đa \(limit) ký tự",
                    en: "«\(label.english)» is \(length) characters long; the limit is \(limit)"))
        }
        return .valid(.string(text))
    }

    private func checkInteger(_ value: JSONValue) -> AnswerCheck {
        guard let number = value.intValue else { return .invalid(wrongType(value)) }
        if let min, number < min { return .invalid(outOfRange(number)) }
        if let max, number > max { return .invalid(outOfRange(number)) }
        return .valid(value)
    }

    private func checkChoice(_ value: JSONValue) -> AnswerCheck {
        guard let code = value.stringValue else { return .invalid(wrongType(value)) }
        return choice(code: code) == nil ? .invalid(unknownChoice(code)) : .valid(value)
    }

    private func checkMultichoice(_ value: JSONValue) -> AnswerCheck {
        guard let items = value.arrayValue else { return .invalid(wrongType(value)) }
        var codes: [String] = []
        for item in items {
            guard let code = item.stringValue else { return .invalid(wrongType(value)) }
            guard choice(code: code) != nil else { return .invalid(unknownChoice(code)) }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes.isEmpty ? .absent : .valid(.array(codes.map(JSONValue.string)))
    }

    private func checkDate(_ value: JSONValue) -> AnswerCheck {
        guard let text = value.stringValue else { return .invalid(wrongType(value)) }
        return CalendarDate(text) == nil ? .invalid(wrongType(value)) : .valid(value)
    }

    private func wrongType(_ value: JSONValue) -> FieldError {
        let (vi, en): (String, String) =
            switch type {
            case .text, .longtext: ("một đoạn chữ", "text")
            case .integer: ("một số nguyên", "a whole number")
            case .choice: ("mã của một lựa chọn", "the code of one choice")
            case .multichoice: ("danh sách mã lựa chọn", "a list of choice codes")
            case .boolean: ("đúng hoặc sai (true/false)", "true or false")
            case .date: ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD")
            }
        return FieldError(
            field: id, code: .wrongType,
            vi: "«\(label.vi)» cần \(vi)",
            en: "«\(label.english)» must be \(en), not \(value.typeName)")
    }

    private func outOfRange(_ number: Int) -> FieldError {
        let bounds = [min.map { "≥ \($0)" }, max.map { "≤ \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return FieldError(
            field: id, code: .outOfRange,
            vi: "«\(label.vi)» là \(number), ngoài khoảng cho phép (\(bounds))",
            en: "«\(label.english)» is \(number), outside the allowed range (\(bounds))")
    }

    private func unknownChoice(_ code: String) -> FieldError {
        let known = choices.map(\.code).joined(separator: ", ")
        return FieldError(
            field: id, code: .unknownChoice,
            vi: "«\(label.vi)»: «\(code)» không phải lựa chọn hợp lệ; chọn một trong: \(known)",
            en: "«\(label.english)»: «\(code)» is not a valid choice; use one of: \(known)")
    }
}

/// A `YYYY-MM-DD` date that exists on the calendar.
public struct CalendarDate: Hashable, Sendable {
    public var year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }
}
