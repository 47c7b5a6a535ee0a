import ArgumentParser
import Forms
import Foundation
import Storage

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

/// Every command that reads or writes the database takes the same `--data DIR`.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data"), help: "The folder holding the SQLite database.")
    var directory: String = "data"

    func open() throws -> AppDatabase {
        do {
            return try AppDatabase(directory: directory)
        } catch {
            printError("Không mở được cơ sở dữ liệu trong \(directory): \(error) — cannot open the database in \(directory)")
            throw ExitCode(1)
        }
    }
}

/// Messages for people go to standard error so standard output stays machine-readable.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Standard output may be a pipe (tests, scripts/serve): flush so lines appear when printed.
func printNow(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
}
