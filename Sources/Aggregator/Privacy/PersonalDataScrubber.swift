import Foundation

/// Removes contact and identity details from free text that leaves the instance (issue texts in
/// summaries and reports): e-mail addresses, phone numbers and ID numbers become [email], [SĐT]
/// and [CCCD]. Children write their mother's number "so the leaders can call"; it must not travel.
public enum PersonalDataScrubber {
    private static let email = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    /// A run of digits with the separators people type between groups: spaces, dots, dashes, brackets.
    private static let digitRun = try! NSRegularExpression(pattern: #"\+?\d[\d\s.\-()]{7,}\d"#)

    public static func scrub(_ text: String) -> String {
        guard text.contains(where: { $0.isNumber || $0 == "@" }) else { return text }
        var result = replace(email, in: text) { _ in "[email]" }
        result = replace(digitRun, in: result) { match in
            let digits = match.filter(\.isNumber)
            let international = match.hasPrefix("+84") || (digits.hasPrefix("84") && digits.count == 11)
            if (digits.hasPrefix("0") && (digits.count == 10 || digits.count == 11)) || international {
                return "[SĐT]"
            }
            if digits.count == 12 || digits.count == 9 { return "[CCCD]" }
            return nil
        }
        return result
    }

    /// Replaces each match for which `replacement` gives a value, leaving the others as written.
    private static func replace(_ pattern: NSRegularExpression, in text: String,
                                _ replacement: (String) -> String?) -> String {
        let whole = NSRange(text.startIndex..., in: text)
        var result = ""
        var cursor = text.startIndex
        for match in pattern.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text) else { continue }
            let found = String(text[range])
            // A match may swallow the space before the next word; keep trailing separators.
            let trimmed = found.trimmingCharacters(in: .whitespaces)
            guard let value = replacement(trimmed) else { continue }
            result += text[cursor..<range.lowerBound]
            result += value
            if found.hasSuffix(" ") { result += " " }
            cursor = range.upperBound
        }
        result += text[cursor...]
        return result
    }
}
