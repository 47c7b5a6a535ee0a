import Forms
import Foundation

/// The project's own labelled children's entries, one file per theme code under
/// `Resources/training/<code>.txt`: one entry a line, `#` lines are comments. Other writers'
/// entries for the themes are under `Resources/theme-examples/<writer>/<code>.txt`.
enum BundledTrainingEntries {
    static var directory: URL? {
        Bundle.module.url(forResource: "training", withExtension: nil, subdirectory: "Resources")
    }

    /// The entries for a theme code, or none when the project has no file for it (a new
    /// campaign's theme, known from its keywords only).
    static func entries(forTheme code: String) throws -> [String] {
        guard isSafeFileName(code), let directory else { return [] }
        let file = directory.appendingPathComponent(code + ".txt")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try lines(of: file)
    }

    /// One entry a line; blank lines and `#` comments skipped.
    private static func lines(of file: URL) throws -> [String] {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ThemeClassifierError.unreadableTrainingFile(file.lastPathComponent)
        }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.trimmedWhitespace
            return entry.isEmpty || entry.hasPrefix("#") ? nil : entry
        }
    }

    /// Other writers' entries, for the theme classifier only: one folder per writer under
    /// `Resources/theme-examples/`, files named like the project's. A classifier taught by one
    /// writer scores lower on the next (issue 18); these were written by others from the themes'
    /// definitions alone. Neither the safeguarding model nor grouping's term weights read them
    /// (why: `Resources/theme-examples/README.md`). Writers in name order, so training is stable.
    static func otherWriters(forTheme code: String) throws -> [(writer: String, entries: [String])] {
        guard isSafeFileName(code),
              let folder = Bundle.module.url(forResource: "theme-examples", withExtension: nil, subdirectory: "Resources")
        else { return [] }
        let writers = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(isSafeFileName).sorted()
        return try writers.compactMap { writer in
            let file = folder.appendingPathComponent(writer).appendingPathComponent(code + ".txt")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            return (writer, try lines(of: file))
        }
    }

    /// What the theme classifier learns a theme from: the project's entries, then other writers'.
    static func themeExamples(forTheme code: String) throws -> [String] {
        try entries(forTheme: code) + otherWriters(forTheme: code).flatMap(\.entries)
    }

    /// Every bundled entry, by theme code.
    static func allEntriesByTheme() throws -> [String: [String]] {
        guard let directory else { return [:] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var result: [String: [String]] = [:]
        for name in files where name.hasSuffix(".txt") {
            let code = String(name.dropLast(4))
            result[code] = try entries(forTheme: code)
        }
        return result
    }

    /// A theme code names a file only when it cannot climb out of the folder.
    private static func isSafeFileName(_ code: String) -> Bool {
        !code.isEmpty
            && code.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
            }
    }
}

public enum ThemeClassifierError: Error, Sendable, CustomStringConvertible {
    case noThemes(form: String)
    case noExamples(form: String)
    case unreadableTrainingFile(String)

    public var description: String {
        switch self {
        case let .noThemes(form):
            "Biểu mẫu «\(form)» không có chủ đề nào — form «\(form)» has no themes"
        case let .noExamples(form):
            "Không có ví dụ hay từ khoá nào cho các chủ đề của biểu mẫu «\(form)» — no examples or keywords for the themes of form «\(form)»"
        case let .unreadableTrainingFile(name):
            "Không đọc được tệp huấn luyện \(name) — cannot read the training file \(name)"
        }
    }
}
