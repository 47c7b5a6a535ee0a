import Forms

/// Turns what a browser posted (every value a string) into answers typed as the form expects, so
/// that the web form is validated by exactly the same rules as the JSON API. Nothing is dropped or
/// guessed: a grade typed as "năm" is sent as text and refused with the form's own message.
enum WebFormAnswers {
    static func answers(form: Form, posted: URLEncodedFields, school: String) -> [String: JSONValue] {
        var answers: [String: JSONValue] = [:]
        for field in form.fields {
            if field.role == .school {
                // The school comes from the address the child opened, never from the body.
                answers[field.id] = .string(school)
                continue
            }
            if let value = answer(field, posted.all(field.id)) { answers[field.id] = value }
        }
        return answers
    }

    static func answer(_ field: Field, _ values: [String]) -> JSONValue? {
        let first = values.first ?? ""
        let trimmed = first.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field.type {
        case .text, .longtext:
            // Browsers send a textarea's line breaks as CRLF; scripts send LF. Store one form.
            let text = first.replacingOccurrences(of: "\r\n", with: "\n")
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : .string(text)
        case .integer:
            if trimmed.isEmpty { return nil }
            return Int(trimmed).map(JSONValue.int) ?? .string(trimmed)
        case .choice, .date:
            return trimmed.isEmpty ? nil : .string(trimmed)
        case .multichoice:
            let codes = values.filter { !$0.isEmpty }
            return codes.isEmpty ? nil : .array(codes.map(JSONValue.string))
        case .boolean:
            // An unticked checkbox sends nothing: no answer rather than a "no" the child never gave.
            return ["on", "true", "1", "co"].contains(trimmed.lowercased()) ? .bool(true) : nil
        }
    }
}
