import Analysis
import Answers
import ArgumentParser
import Forms
import Foundation
import Logging
import Reports
import Storage
import Summary
import WebApp

struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Classify new entries, group them into issues, and print the summary or the report.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, md, csv
    }

    @Option(help: "json: the summary levels exchange; md: the Vietnamese report; csv: the tallies.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "This unit's code, as it appears upstream (a school or district code).")
    var unit: String = "LOCAL"

    @OptionGroup var period: PeriodOptions
    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func run() async throws {
        let environment = try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.aggregate"))
        let below = try SummaryBuilder.latestBelow(environment.database)
        try await AnalysisPass(database: environment.database, forms: environment.forms).run()
        var builder = SummaryBuilder(
            database: environment.database, forms: environment.forms,
            targets: environment.targets, unit: unit)
        if let (period, label) = try period.resolve(environment.targets.calendar) {
            builder.period = period
            builder.periodLabel = label
        }
        let summary = try await builder.build(below: below)
        let renderer = ReportRenderer(
            summary: summary, forms: environment.forms,
            schools: try environment.database.schools())
        let text: String =
            switch format {
            case .json: try renderer.json()
            case .md: renderer.markdown()
            case .csv: renderer.csv()
            }
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
