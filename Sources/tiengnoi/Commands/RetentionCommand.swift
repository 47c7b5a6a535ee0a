import Analysis
import Answers
import ArgumentParser
import Events
import Foundation
import Logging
import Reports
import Storage
import Summary
import WebApp

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Delete children's own words (and names) from entries older than N days, and delegates' names from events held more than N days ago; counts are kept.")

    @Option(help: "Entries received more than this many days ago lose their free text.")
    var days: Int

    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func run() async throws {
        guard days >= 1 else {
            printError("--days phải từ 1 trở lên — --days must be at least 1")
            throw ExitCode(1)
        }
        let environment = try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.retention"))
        // Analyse first: an entry's theme and issue must be known before its words are gone.
        try await AnalysisPass(database: environment.database, forms: environment.forms).run()
        let removed = try environment.database.removeFreeText(olderThan: days, forms: environment.forms)
        printNow(
            "Đã xoá nội dung tự viết của \(removed) ý kiến cũ hơn \(days) ngày; số liệu vẫn giữ "
                + "— removed the free text of \(removed) entries older than \(days) days; counts kept")
        let names = try await environment.events.removeDelegateNames(olderThan: days)
        printNow(
            "Đã xoá tên của \(names) đại biểu ở các hoạt động tổ chức cách đây hơn \(days) ngày (thay bằng «Đại biểu 1», «Đại biểu 2»…) "
                + "— removed the names of \(names) delegates of events held more than \(days) days ago")
    }
}
