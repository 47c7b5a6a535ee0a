import ArgumentParser
import Foundation
import Forms

struct FormsDirectoryOption: ParsableArguments {
    @Option(name: .customLong("forms"), help: "The folder of campaign forms.")
    var directory: String = "forms"

    func catalog() throws -> FormCatalog {
        do {
            return try FormCatalog.load(paths: [directory])
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitCode(1)
        }
    }

    func form(id: String) throws -> Form {
        let catalog = try catalog()
        guard let form = catalog[id] else {
            let known = catalog.sortedForms.map(\.id).joined(separator: ", ")
            printError("Không có biểu mẫu «\(id)» trong \(directory) (có: \(known)) — no form «\(id)» in \(directory)")
            throw ExitCode(1)
        }
        return form
    }
}

/// Messages for people go to standard error so standard output stays machine-readable.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
