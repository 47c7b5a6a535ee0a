/// A mistake in a form file, located so that whoever edits the YAML can go straight to it.
public struct FormProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var messageVI: String
    public var messageEN: String

    public init(file: String, line: Int, column: Int, vi: String, en: String) {
        self.file = file
        self.line = line
        self.column = column
        self.messageVI = vi
        self.messageEN = en
    }

    /// `file:line:column: Vietnamese — English`, the shape compilers use so editors can jump to it.
    public var description: String { "\(file):\(line):\(column): \(messageVI) — \(messageEN)" }
}

/// All the problems found in one or more form files.
public struct FormProblems: Error, CustomStringConvertible, Sendable {
    public var problems: [FormProblem]
    public init(_ problems: [FormProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
