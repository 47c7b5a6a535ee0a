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
        abstract: "Write an official report (followup, recommendations, yearly) as HTML, Word or Excel.",
        discussion: "followup: every question and recommendation of the period in the groups đã được đáp ứng, thực hiện · đang được xem xét, thực hiện · chưa thể thực hiện (with reason and solution) · chưa trả lời, by theme and office. recommendations: the consolidated list for the forum above. yearly: targets, participation, units on time and late, the issues raised most and what was done.")

    @Argument(help: "followup, recommendations or yearly.") var kind: ReportKind
    @OptionGroup var period: PeriodOptions
    @Option(help: "html, docx or xlsx.") var format: ReportFormat
    @Option(help: "The file to write.") var out: String
    @Option(help: "The unit named under the title, e.g. \"Quận đoàn Hoa Sen\".") var unitName = "TiengNoi"
    @Option(help: "This unit's code, as in `tiengnoi aggregate --unit` (the yearly report's summary).") var unit = "LOCAL"
    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func run() async throws {
        let environment = try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.report"))
        try await AnalysisPass(database: environment.database, forms: environment.forms).run()
        let chosen = try period.resolve(environment.targets.calendar)
        var reports = OfficialReports(database: environment.database, forms: environment.forms, targets: environment.targets)
        reports.unit = unit
        reports.eventKinds = environment.eventKinds
        let document = try await reports.document(
            kind, period: chosen?.period ?? ReportPeriod(), periodLabel: chosen?.label, unitName: unitName)
        do {
            try Data(try document.data(format)).write(to: URL(fileURLWithPath: out))
        } catch {
            printError("Không ghi được \(out): \(error) — cannot write \(out)")
            throw ExitCode(1)
        }
        printNow("Đã ghi \(out) — written")
    }
}
