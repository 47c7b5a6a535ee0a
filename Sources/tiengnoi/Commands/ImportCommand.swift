import ArgumentParser
import Foundation
import Logging
import WebApp

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import paper forms typed into a CSV, one row per entry; refused rows go to FILE.rejects.csv.")

    @Argument(help: "CSV file; the header holds field ids or the form's Vietnamese labels.")
    var file: String

    @Option(help: "The form the rows answer, e.g. dien-dan-tre-em.")
    var form: String

    @Option(help: "School code for rows that have no school column.")
    var school: String?

    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func run() async throws {
        let configuration = ServerConfiguration(dataDirectory: data.directory, formsDirectory: forms.directory)
        let environment = try ServerEnvironment.openReportingProblems(
            configuration, logger: Logger(label: "tiengnoi.import"))
        guard let definition = environment.forms.latest(id: form) else {
            printError("Không có biểu mẫu «\(form)» — no form «\(form)»")
            throw ExitCode(1)
        }
        let report: PaperImport.Report
        do {
            report = try await PaperImport(intake: environment.intake, form: definition, school: school).run(path: file)
        } catch let error as CSVTableError {
            printError(error.description)
            throw ExitCode(1)
        }
        printNow(
            "Nhập mới \(report.created), đã có từ trước \(report.alreadyStored), bị từ chối \(report.rejected) "
                + "(new \(report.created), already stored \(report.alreadyStored), refused \(report.rejected))")
        if let rejects = report.rejectsPath {
            printError("Các dòng bị từ chối và lý do: \(rejects) — refused rows with reasons: \(rejects)")
            throw ExitCode(1)
        }
    }
}
