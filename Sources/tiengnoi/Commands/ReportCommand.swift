import Analysis
import ArgumentParser
import Foundation
import Logging
import Reports
import WebApp

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// `tiengnoi report KIND`: the reports officers hand over, as the staff reports page makes them.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an official report (followup, recommendations) as HTML, Word or Excel.",
        discussion: "followup: every question and recommendation of the period in the groups đã được đáp ứng, thực hiện · đang được xem xét, thực hiện · chưa thể thực hiện (with reason and solution) · chưa trả lời, by theme and office. recommendations: the consolidated list for the forum above.")

    @Argument(help: "followup or recommendations.") var kind: ReportKind
    @Option(help: "First day of the period, YYYY-MM-DD (questions created from that day).") var from: String?
    @Option(help: "Last day of the period, YYYY-MM-DD.") var to: String?
    @Option(help: "html, docx or xlsx.") var format: ReportFormat
    @Option(help: "The file to write.") var out: String
    @Option(help: "The unit named under the title, e.g. \"Quận đoàn Hoa Sen\".") var unitName = "TiengNoi"
    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, ReportPeriod.day(value) == nil {
                throw ValidationError("\(flag) phải là ngày dạng năm-tháng-ngày, ví dụ 2026-05-15 — \(flag) must be a date YYYY-MM-DD")
            }
        }
        if let from, let to, from > to {
            throw ValidationError("--from phải trước --to — --from must come before --to")
        }
    }

    func run() async throws {
        let environment = try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.report"))
        try await AnalysisPass(database: environment.database, forms: environment.forms).run()
        let document = try await OfficialReports(
            database: environment.database, forms: environment.forms, policy: environment.targets.answers
        ).document(kind, period: ReportPeriod(from: from, to: to), unitName: unitName)
        do {
            try Data(try document.data(format)).write(to: URL(fileURLWithPath: out))
        } catch {
            printError("Không ghi được \(out): \(error) — cannot write \(out)")
            throw ExitCode(1)
        }
        printNow("Đã ghi \(out) — written")
    }
}
