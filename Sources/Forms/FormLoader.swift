import Foundation
import Yams

/// Reads a form file into a `Form`, collecting every mistake with its line and column.
public enum FormLoader {
    public static func load(path: String) throws(FormProblems) -> Form {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FormProblems([
                FormProblem(
                    file: path, line: 1, column: 1,
                    vi: "Không đọc được tệp (cần UTF-8): \(error.localizedDescription)",
                    en: "cannot read the file (UTF-8 expected): \(error.localizedDescription)")
            ])
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws(FormProblems) -> Form {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw FormProblems([syntaxProblem(error, file: file)])
        }
        guard let root else {
            throw FormProblems([
                FormProblem(
                    file: file, line: 1, column: 1,
                    vi: "Tệp biểu mẫu trống", en: "the form file is empty")
            ])
        }
        var reader = FormReader(file: file)
        let form = reader.readForm(root)
        if let form, reader.problems.isEmpty { return form }
        throw FormProblems(reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    static func syntaxProblem(_ error: Error, file: String) -> FormProblem {
        func located(_ mark: Mark, _ problem: String) -> FormProblem {
            FormProblem(
                file: file, line: mark.line, column: mark.column,
                vi: "Lỗi cú pháp YAML: \(problem); kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép ở dòng này",
                en: "YAML syntax error: \(problem); check the indentation, colons and quotes on this line")
        }
        switch error as? YamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return located(mark, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.joined(separator: ", ")
            return FormProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                vi: "Khoá bị lặp lại trong cùng một khối: \(keys); xoá hoặc đổi tên một khoá",
                en: "duplicated key in one mapping: \(keys); remove or rename one of them")
        case let .reader(problem, _, _, _):
            return FormProblem(
                file: file, line: 1, column: 1,
                vi: "Không đọc được tệp: \(problem)", en: "cannot read the file: \(problem)")
        default:
            return FormProblem(
                file: file, line: 1, column: 1,
                vi: "Lỗi YAML: \(error)", en: "YAML error: \(error)")
        }
    }
}
