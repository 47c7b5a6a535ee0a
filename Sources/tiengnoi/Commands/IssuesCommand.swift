import Analysis
import Answers
import ArgumentParser
import Foundation
import Logging
import Reports
import Summary
import WebApp

struct IssuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issues",
        abstract: "The issues (vấn đề) entries were grouped into: list, merge, split.",
        subcommands: [List.self, Merge.self, Split.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List issues, largest first; or measure grouping on labelled entries with --eval.",
            discussion: """
                tiengnoi issues --eval FILE.jsonl   pairwise recall and precision of issue grouping against the
                                                    lines' "group" (null: asks for something nobody else does),
                                                    themes as the server predicts them and as the file gives them
                """)
        @Option(help: "Only this theme code.") var theme: String?
        @Option(help: "At most this many.") var limit = 50
        @Option(
            name: .customLong("eval"),
            help: ArgumentHelp("Labelled JSON Lines file (fields text, group, theme) to measure grouping on.", valueName: "FILE.jsonl"))
        var evaluationFile: String?
        @Flag(help: "With --eval: also print recall and precision at other join thresholds, for choosing one.")
        var sweep = false
        @Option(help: "With --eval: the form whose themes to predict.") var form: String = "dien-dan-tre-em"
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func validate() throws {
            if sweep, evaluationFile == nil {
                throw ValidationError("--sweep chỉ dùng với --eval — --sweep applies to --eval only")
            }
        }

        func run() async throws {
            if let evaluationFile {
                try GroupingEvaluationText.run(file: evaluationFile, form: try forms.form(id: form), sweep: sweep)
                return
            }
            let environment = try ServerEnvironment.openReportingProblems(
                ServerConfiguration(dataDirectory: data.directory, formsDirectory: forms.directory), logger: Logger(label: "issues"))
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            for issue in try ReviewQueue.issues(environment.database, theme: theme, limit: limit) {
                printNow(
                    "\(issue.id)\t\(issue.theme)\t\(issue.entries) ý kiến\t\(issue.participants) trẻ em\t\(issue.schools) trường\n    \(issue.representative)"
                )
            }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge issues into the first one: tiengnoi issues merge TARGET SOURCE...")
        @Argument var target: String
        @Argument var sources: [String]
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            do {
                try await IssueEditing(database: try data.open()).merge(into: target, from: sources)
            } catch let error as IssueEditing.EditError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow("Đã gộp \(sources.count) vấn đề vào \(target) — merged")
        }
    }

    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move entries out of an issue into a new one: tiengnoi issues split ISSUE ENTRY_ID...")
        @Argument var issue: String
        @Argument var entries: [String]
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            do {
                let id = try await IssueEditing(database: try data.open()).split(issue, entries: entries.map { $0.lowercased() })
                printNow(id)
            } catch let error as IssueEditing.EditError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}
