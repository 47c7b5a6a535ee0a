import Forms
import Foundation

/// The project's own labelled children's entries, one file per theme code under
/// `Resources/training/<code>.txt`: one entry a line, `#` lines are comments.
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
