import Analysis
import Answers
import ArgumentParser
import Foundation
import Logging
import Reports
import Summary
import WebApp

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Entries whose theme needs a person: list them, or correct one (corrections teach the classifier).",
        subcommands: [List.self, SetTheme.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List entries waiting for review.")
        @Option(help: "At most this many.") var limit = 50
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let environment = try ServerEnvironment.openReportingProblems(
                ServerConfiguration(dataDirectory: data.directory, formsDirectory: forms.directory), logger: Logger(label: "review"))
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            let items = try ReviewQueue.items(environment.database, limit: limit)
            if items.isEmpty { printNow("Không có ý kiến nào cần xem lại — nothing to review") }
            for item in items {
                let why =
                    item.source == "child"
                    ? "em chọn \(item.theme), máy đoán \(item.predicted) (\(Int(item.confidence * 100)) %)"
                    : "máy chưa chắc: \(item.predicted) (\(Int(item.confidence * 100)) %)"
                printNow("\(item.submission)\t\(item.school)\t\(why)\n    \(item.text)")
            }
        }
    }

    struct SetTheme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set an entry's theme: tiengnoi review set ENTRY_ID THEME")
        @Argument(help: "The entry (submission) id.") var entry: String
        @Argument(help: "A theme code of the entry's form.") var theme: String
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let environment = try ServerEnvironment.openReportingProblems(
                ServerConfiguration(dataDirectory: data.directory, formsDirectory: forms.directory), logger: Logger(label: "review"))
            let codes = environment.forms.latestForms.flatMap { $0.themes.map(\.code) }
            guard codes.contains(theme) else {
                printError("Chủ đề «\(theme)» không có trong biểu mẫu; dùng: \(codes.joined(separator: ", ")) — unknown theme")
                throw ExitCode(1)
            }
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            do {
                try await IssueEditing(database: environment.database).correctTheme(submission: entry.lowercased(), to: theme)
            } catch let error as IssueEditing.EditError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow("Đã ghi chủ đề \(theme) cho ý kiến \(entry) — theme recorded")
        }
    }
}
