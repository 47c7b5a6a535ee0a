import ArgumentParser
import Forms
import Foundation

struct FormsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "Check, show and export campaign forms.",
        subcommands: [Check.self, Show.self, Schema.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check form files; one line per problem, exit 0 only when all are valid.")

        @Argument(help: "Form files or folders (default: forms/).")
        var paths: [String] = []

        func run() throws {
            let inputs = paths.isEmpty ? ["forms"] : paths
            do {
                let files = try FormCatalog.formFiles(in: inputs)
                var problems: [FormProblem] = []
                for file in files {
                    do {
                        let form = try FormLoader.load(path: file)
                        print("\(file): ok (\(form.id) v\(form.version), \(form.fields.count) trường, \(form.themes.count) chủ đề)")
                    } catch {
                        problems.append(contentsOf: error.problems)
                    }
                }
                if files.isEmpty {
                    printError("Không có tệp biểu mẫu nào trong \(inputs.joined(separator: ", ")) — no form files found")
                    throw ExitCode(1)
                }
                // The catalogue check adds problems that span files, such as one id used twice.
                if problems.isEmpty { _ = try FormCatalog.load(paths: files) }
                if !problems.isEmpty { throw FormProblems(problems) }
            } catch let error as FormProblems {
                for problem in error.problems { printError(problem.description) }
                throw ExitCode(1)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A readable summary of a form: fields, roles, themes.")

        @Argument(help: "The form id, e.g. dien-dan-tre-em.")
        var id: String

        @OptionGroup var formsOptions: FormsDirectoryOption

        func run() throws {
            print(try formsOptions.form(id: id).summaryText())
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The JSON Schema of a submission for a form.")

        @Argument(help: "The form id, e.g. dien-dan-tre-em.")
        var id: String

        @OptionGroup var formsOptions: FormsDirectoryOption

        func run() throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(try formsOptions.form(id: id).jsonSchema())
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
