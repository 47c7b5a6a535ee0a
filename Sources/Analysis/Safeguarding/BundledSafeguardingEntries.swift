import Forms
import Foundation

/// The project's own examples for the safeguarding model, under `Resources/safeguarding/`:
/// - `disclosures.txt`: a child says they or a specific child are being harmed now;
/// - `not_disclosures.txt`: the same topics as opinions, questions, past events, news, and
///   ordinary entries;
/// - `theme_disclosures.txt` and `theme_borderline.txt`: lines of the theme classifier's training
///   files that are worded as disclosures, or nearly.
/// One entry a line; `#` lines are comments.
///
/// The theme training files are also everyday entries for the model: what schools mostly send,
/// in the words children use for each theme, less the lines listed as disclosures or borderline.
enum BundledSafeguardingEntries {
    /// Themes whose lines are about the harms a disclosure names; reported apart in
    /// cross-validation because they are the hardest everyday entries.
    static let themesNearDisclosures: Set<String> = ["violence_abuse", "child_labour"]

    static func disclosures() throws -> [String] { try entries(in: "disclosures") }
    static func notDisclosures() throws -> [String] { try entries(in: "not_disclosures") }
    static func themeDisclosures() throws -> [String] { try entries(in: "theme_disclosures") }

    /// The disclosures under a heading that names their kind of harm (`# … [kind: neglect]`),
    /// in file order; those under a heading that mixes kinds are left out.
    static func disclosuresByKind() throws -> [(text: String, kind: SafeguardingCategory)] {
        var kind: SafeguardingCategory?
        var found: [(text: String, kind: SafeguardingCategory)] = []
        for line in try lines(in: "disclosures") {
            let entry = line.trimmedWhitespace
            if entry.hasPrefix("#") {
                kind = headingKind(entry)
            } else if !entry.isEmpty, let kind {
                found.append((entry, kind))
            }
        }
        return found
    }

    /// The kind a heading names at its end, "[kind: code]"; nil when it names none.
    static func headingKind(_ heading: String) -> SafeguardingCategory? {
        guard heading.hasSuffix("]"), let open = heading.range(of: "[kind: ", options: .backwards) else { return nil }
        return SafeguardingCategory(rawValue: String(heading[open.upperBound..<heading.index(before: heading.endIndex)]))
    }

    /// The theme training files' lines by theme code, without those worded as disclosures or
    /// nearly, in file order.
    static func everydayEntries() throws -> [(theme: String, entries: [String])] {
        let left = Set(try entries(in: "theme_disclosures") + entries(in: "theme_borderline"))
        return try BundledTrainingEntries.allEntriesByTheme()
            .sorted { $0.key < $1.key }
            .map { theme, entries in (theme, entries.filter { !left.contains($0) }) }
    }

    private static func entries(in name: String) throws -> [String] {
        try lines(in: name).compactMap { line in
            let entry = line.trimmedWhitespace
            return entry.isEmpty || entry.hasPrefix("#") ? nil : entry
        }
    }

    private static func lines(in name: String) throws -> [Substring] {
        guard let file = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/safeguarding") else {
            throw SafeguardingDetectorError.missingExamples(name + ".txt")
        }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SafeguardingDetectorError.missingExamples(name + ".txt")
        }
        return text.split(whereSeparator: \.isNewline)
    }
}

public enum SafeguardingDetectorError: Error, Sendable, CustomStringConvertible {
    case missingExamples(String)

    public var description: String {
        switch self {
        case let .missingExamples(name):
            "Không đọc được tệp ví dụ bảo vệ trẻ em \(name) — cannot read the safeguarding examples \(name)"
        }
    }
}
