/// What `tiengnoi forms check` and the admin's forms page report for a forms folder: each form
/// file that loads, and every problem with its file and line. One implementation for both, so the
/// page says exactly what the command says.
public struct FormsCheck: Sendable {
    public struct Loaded: Sendable {
        public var file: String
        public var form: Form
    }

    public var loaded: [Loaded] = []
    public var problems: [FormProblem] = []
    /// No form file was found at all.
    public var empty = false

    public var isValid: Bool { problems.isEmpty && !empty }

    public static func run(paths inputs: [String]) -> FormsCheck {
        var check = FormsCheck()
        do {
            let files = try FormCatalog.formFiles(in: inputs)
            for file in files {
                do {
                    check.loaded.append(Loaded(file: file, form: try FormLoader.load(path: file)))
                } catch {
                    check.problems.append(contentsOf: error.problems)
                }
            }
            check.empty = files.isEmpty
            // The catalogue check adds problems that span files, such as one id used twice.
            if check.problems.isEmpty && !files.isEmpty { _ = try FormCatalog.load(paths: files) }
        } catch {
            check.problems.append(contentsOf: error.problems)
        }
        return check
    }
}
