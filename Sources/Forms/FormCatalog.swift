import Crypto
import Foundation

/// Every form found in a forms folder, by id. A folder may hold several campaigns' forms.
public struct FormCatalog: Sendable {
    public private(set) var forms: [String: Form]
    /// Where each form came from, for messages.
    public private(set) var paths: [String: String]

    public init(forms: [Form]) {
        self.forms = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.paths = [:]
    }

    /// Loads every form file from the given files or folders and reports all problems at once.
    public static func load(paths inputs: [String]) throws(FormProblems) -> FormCatalog {
        var catalog = FormCatalog(forms: [])
        var problems: [FormProblem] = []
        for path in try formFiles(in: inputs) {
            do {
                let form = try FormLoader.load(path: path)
                if let other = catalog.paths[form.id] {
                    problems.append(
                        FormProblem(
                            file: path, line: 1, column: 1,
                            vi: "Mã biểu mẫu `\(form.id)` đã được dùng trong \(other)",
                            en: "form id `\(form.id)` is already used by \(other)"))
                    continue
                }
                catalog.forms[form.id] = form
                catalog.paths[form.id] = path
            } catch {
                problems.append(contentsOf: error.problems)
            }
        }
        if !problems.isEmpty { throw FormProblems(problems) }
        return catalog
    }

    /// Form files are `*.yaml` / `*.yml`; campaign settings (`targets.yaml`) live beside them.
    public static func formFiles(in inputs: [String]) throws(FormProblems) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw FormProblems([
                    FormProblem(
                        file: input, line: 1, column: 1,
                        vi: "Không tìm thấy tệp hoặc thư mục", en: "no such file or folder")
                ])
            }
            if !isDirectory.boolValue {
                files.append(input)
                continue
            }
            let names = (try? manager.contentsOfDirectory(atPath: input)) ?? []
            for name in names.sorted() where isFormFileName(name) {
                files.append((input as NSString).appendingPathComponent(name))
            }
        }
        return files
    }

    public static let campaignFileNames: Set<String> = ["targets.yaml", "targets.yml"]

    static func isFormFileName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".")
            && !campaignFileNames.contains(name)
    }

    public subscript(id: String) -> Form? { forms[id] }

    public var sortedForms: [Form] { forms.values.sorted { $0.id < $1.id } }
}

extension Form {
    /// SHA-256 of the form's canonical JSON: comments and layout in the YAML do not change it,
    /// any change to what the form means does.
    public var contentHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return hexString(SHA256.hash(data: data))
    }
}
