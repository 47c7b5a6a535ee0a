import Foundation

extension Field {
    /// Turns a spreadsheet cell typed up from a paper form into the JSON the validator expects.
    /// Anything that does not fit is passed on as text, so the validator reports it as a wrong type.
    public func answer(fromCell raw: String) -> JSONValue? {
        let cell = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if cell.isEmpty { return nil }
        switch type {
        case .text, .longtext, .date:
            return .string(cell)
        case .integer:
            return Int(cell).map(JSONValue.int) ?? .string(cell)
        case .boolean:
            switch Self.folded(cell) {
            case "true", "1", "co", "x", "yes", "dong y": return .bool(true)
            case "false", "0", "khong", "no": return .bool(false)
            default: return .string(cell)
            }
        case .choice:
            return .string(choiceCode(forCell: cell) ?? cell)
        case .multichoice:
            let parts = cell.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" })
            return .array(
                parts.map { part in
                    let item = part.trimmingCharacters(in: .whitespaces)
                    return .string(choiceCode(forCell: item) ?? item)
                })
        }
    }

    /// Paper forms are typed with the code, the Vietnamese label or its first words ("Ý kiến" for
    /// "Ý kiến của em"), with or without diacritics. A start shared by two choices matches neither.
    private func choiceCode(forCell cell: String) -> String? {
        let key = Self.folded(cell)
        if let exact = choices.first(where: { Self.folded($0.code) == key || Self.folded($0.label.vi) == key }) {
            return exact.code
        }
        let starts = choices.filter { Self.folded($0.label.vi).hasPrefix(key + " ") }
        return starts.count == 1 ? starts[0].code : nil
    }

    /// Lower case, no diacritics (đ → d), punctuation as spaces, single spaces.
    static func folded(_ text: String) -> String {
        let plain = text.precomposedStringWithCanonicalMapping.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: nil)
        let words = plain.unicodeScalars.map { CharacterSet.punctuationCharacters.contains($0) ? " " : Character($0) }
        return String(words).split(separator: " ").joined(separator: " ")
    }
}
