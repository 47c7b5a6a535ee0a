import Analysis
import Answers
import ArgumentParser
import Forwarder
import Foundation
import Logging
import Reports
import Storage
import Summary
import WebApp

struct AnswersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Answers to children's questions and recommendations: list, set, publish, pull, share, sheet.",
        subcommands: [List.self, SetAnswer.self, Publish.self, Pull.self, Share.self, Sheet.self],
        defaultSubcommand: List.self)

    /// Opens the environment (database, forms, targets) the way `serve` does.
    static func environment(_ data: DataDirectoryOption, _ forms: FormsDirectoryOption) throws -> ServerEnvironment {
        try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.answers"))
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issues and entries to answer, overdue first; with --overdue, grouped by office.")
        @Flag(help: "Only what is past its due date without an answer, grouped by responding office.") var overdue = false
        @Option(help: "Only this school's issues and entries.") var school: String?
        @Option(help: "Only what this office answers (as written in --office when set).") var office: String?
        @Option(help: "Only this status: \(AnswerStatus.codeList).") var status: AnswerStatus?
        @Option(help: "At most this many.") var limit = 200
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let environment = try AnswersCommand.environment(data, forms)
            var filter = AnswerBoard.Filter(overdueOnly: overdue, school: school, office: office, limit: limit)
            filter.status = status
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            let board = AnswerBoard(database: environment.database, policy: environment.targets.answers)
            let items = try await board.items(filter)
            guard overdue else {
                for item in items { printNow(Self.line(item)) }
                return
            }
            for (office, group) in Dictionary(grouping: items, by: { $0.office ?? "" })
                .sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) })
            {
                let name = office.isEmpty ? "Chưa giao cơ quan trả lời — no office assigned" : office
                printNow("== \(name): \(group.count) quá hạn — overdue ==")
                for item in group { printNow(Self.line(item)) }
            }
        }

        /// One item: id, kind, status, office, due date, size, then its wording on the next line.
        static func line(_ item: AnswerItem) -> String {
            let due = "hạn \(item.dueDate)" + (item.overdue ? " QUÁ HẠN" : "")
            let size = item.target.kind == "issue" ? "\(item.entries) ý kiến" : "1 ý kiến riêng"
            let origin = item.origin.map { "\ttừ \($0)" } ?? ""
            let draft = item.draft == nil ? "" : "\tcó bản nháp"
            return "\(item.target.id)\t\(item.target.kind)\t\(item.status.rawValue)\t\(item.office ?? "-")\t\(due)\t\(size)"
                + "\(origin)\(draft)\n    \(item.wording.replacingOccurrences(of: "\n", with: " "))"
        }
    }

    struct SetAnswer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Answer an issue (every entry in it) or a single entry; publishes unless --draft.",
            discussion: """
                TARGET is an issue id (from `tiengnoi answers list`, including issues reported by units below) \
                or an entry id; at least 8 characters of it are enough when unambiguous. \
                --status cannot_implement needs --reason and --solution.
                """)
        @Argument(help: "The issue or entry id.") var target: String
        @Option(help: "One of: \(AnswerStatus.codeList).") var status: String
        @Option(help: "The answer the children will hear.") var text: String?
        @Option(help: "The responding office, e.g. \"Phòng GD&ĐT quận\" (kept from the previous answer when omitted).")
        var office: String?
        @Option(help: "Why it cannot be implemented yet (cannot_implement).") var reason: String?
        @Option(help: "The proposed solution (cannot_implement).") var solution: String?
        @Option(help: "Due date YYYY-MM-DD (default: from forms/targets.yaml).") var due: String?
        @Flag(help: "Save as a draft: not shown to children nor sent down until published.") var draft = false
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let store = AnswerStore(database: try data.open())
            do {
                let resolved = try await store.resolve(target)
                let version = try await store.set(
                    AnswerRequest(
                        target: resolved, status: status, text: text, office: office, reason: reason, solution: solution,
                        dueDate: due, draft: draft))
                let what = version.target.kind == "issue" ? "vấn đề" : "ý kiến"
                if version.isDraft {
                    printNow(
                        "Đã lưu bản nháp \(version.id) cho \(what) \(version.target.id); công bố bằng "
                            + "`tiengnoi answers publish \(version.id)` — saved draft \(version.id) for \(version.target)")
                } else {
                    printNow(
                        "Đã công bố câu trả lời \(version.id) cho \(what) \(version.target.id) "
                            + "— published answer \(version.id) for \(version.target)")
                }
            } catch let refusal as AnswerRefusal {
                printError(refusal.description)
                throw ExitCode(1)
            } catch let problem as AnswerProblem {
                printError(problem.description)
                throw ExitCode(1)
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a draft: by its answer id, or by its issue or entry id.")
        @Argument(help: "The draft's answer id, or the issue or entry it answers.") var id: String
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let store = AnswerStore(database: try data.open())
            do {
                let version: AnswerVersion
                do {
                    version = try await store.publish(answerID: id)
                } catch let problem as AnswerProblem where problem.kind == .noDraft {
                    version = try await store.publishDraft(of: try await store.resolve(id))
                }
                printNow("Đã công bố câu trả lời \(version.id) cho \(version.target.id) — published answer \(version.id)")
            } catch let problem as AnswerProblem {
                printError(problem.description)
                throw ExitCode(1)
            }
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the answers the level above published for this unit's issues, now.",
            discussion: """
                Signed with the same --sender and --secret-file as `tiengnoi push`. Retries with backoff while \
                the level above is unreachable or failing, for at most --max-wait seconds. Exit codes: 0 done, \
                1 refused or given up.
                """)
        @Option(help: "Seconds to keep retrying.") var maxWait: Double = 600
        @OptionGroup var upstream: UpstreamOptions
        @OptionGroup var answers: AnswerPullOptions
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            guard let configuration = try upstream.configuration() else {
                printError("Thiếu --upstream URL — --upstream URL is required")
                throw ExitCode(1)
            }
            let url = try answers.url(upstream: configuration, options: upstream, required: true)!
            var logger = Logger(label: "tiengnoi.answers")
            logger.logLevel = .warning
            let puller = answers.puller(upstream: configuration, url: url, database: try data.open(), logger: logger)
            do {
                let added = try await puller.pull(maxWait: maxWait)
                printNow("Đã nhận \(added) câu trả lời mới từ cấp trên — received \(added) new answers from the level above")
            } catch let failure as AnswerPullFailure {
                printError("Chưa lấy được câu trả lời từ cấp trên (\(failure.message)) — could not pull answers")
                throw ExitCode(1)
            }
        }
    }

    struct Share: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How many questions and recommendations were answered: overall, by theme, by school.")
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let environment = try AnswersCommand.environment(data, forms)
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            let summary = try await SummaryBuilder(
                database: environment.database, forms: environment.forms,
                targets: environment.targets, unit: "LOCAL"
            )
            .build(below: try SummaryBuilder.latestBelow(environment.database))
            let tally = summary.answers ?? Summary.AnswerTally()
            func percent(_ answered: Int, _ asked: Int) -> String {
                asked == 0 ? "—" : String(format: "%.1f %%", 100 * Double(answered) / Double(asked))
            }
            printNow(
                "Đã trả lời \(tally.answered)/\(tally.asked) câu hỏi, kiến nghị (\(percent(tally.answered, tally.asked))) "
                    + "— answered questions and recommendations")
            for status in AnswerStatus.allCases {
                if let count = tally.byStatus[status.rawValue] { printNow("status\t\(status.rawValue)\t\(count)") }
            }
            for (dimension, values) in [("theme", tally.theme), ("school", tally.school)] {
                for key in values.keys.sorted() {
                    let count = values[key]!
                    printNow("\(dimension)\t\(key)\t\(count.answered)/\(count.asked)\t\(percent(count.answered, count.asked))")
                }
            }
        }
    }

    struct Sheet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A school's answer sheet (HTML, Vietnamese) to print or read out; the same page as /schools/CODE/answers.")
        @Argument(help: "The school code.") var school: String
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let environment = try AnswersCommand.environment(data, forms)
            try await AnalysisPass(database: environment.database, forms: environment.forms).run()
            let code = School.canonicalCode(school)
            let sheet = try await AnswerSheet.read(environment.database, school: code, policy: environment.targets.answers)
            let registered = try environment.database.schools().first { $0.code == code }
            guard registered != nil || !sheet.groups.isEmpty else {
                printError("Không có trường «\(code)» — no school «\(code)»")
                throw ExitCode(1)
            }
            let html = try AnswerSheetPage(sheet: sheet, school: registered, forms: environment.forms).render()
            if let out {
                try Data(html.utf8).write(to: URL(fileURLWithPath: out))
            } else {
                FileHandle.standardOutput.write(Data(html.utf8))
            }
        }
    }
}
