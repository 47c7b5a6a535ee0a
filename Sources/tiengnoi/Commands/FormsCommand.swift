import ArgumentParser
import Forms
import Reports
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
            let check = FormsCheck.run(paths: inputs)
            for loaded in check.loaded {
                let form = loaded.form
                print("\(loaded.file): ok (\(form.id) v\(form.version), \(form.fields.count) trường, \(form.themes.count) chủ đề)")
            }
            if check.empty {
                printError("Không có tệp biểu mẫu nào trong \(inputs.joined(separator: ", ")) — no form files found")
                throw ExitCode(1)
            }
            // The campaign file beside the forms: targets, answer due dates, the calendar.
            var problems = check.problems
            for folder in inputs {
                var isFolder: ObjCBool = false
                let path = (folder as NSString).appendingPathComponent(CampaignTargets.fileName)
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
                      FileManager.default.fileExists(atPath: path) else { continue }
                do {
                    let campaign = try CampaignTargets.load(formsDirectory: folder)
                    print("\(path): ok (\(campaign.targets.count) mục tiêu, \(campaign.calendar.periods.count) kỳ, "
                          + "\(campaign.calendar.deadlines.count) hạn)")
                } catch let error as FormProblems {
                    problems += error.problems
                }
            }
            for problem in problems { printError(problem.description) }
            if !problems.isEmpty { throw ExitCode(1) }
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
