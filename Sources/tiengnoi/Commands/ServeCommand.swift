import ArgumentParser
import Forms
import Forwarder
import Foundation
import Hummingbird
import Ingestion
import Logging
import Storage

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server: submission API, forms, health and metrics.")

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port: Int = 8080

    @Option(help: "Seconds between background passes that classify and group new entries.")
    var analysisInterval: Int = 10

    @Option(help: "Delete children's own words after this many days; counts are kept.")
    var retentionDays: Int?

    @Flag(help: "Mark the staff session cookie Secure (the server is reached over TLS).")
    var secureCookies = false

    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption
    @OptionGroup(title: "Pushing summaries upstream") var upstream: UpstreamOptions

    func run() async throws {
        var logger = Logger(label: "tiengnoi")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        var configuration = ServerConfiguration(host: host, port: port, dataDirectory: data.directory,
                                                formsDirectory: forms.directory)
        configuration.secureCookies = secureCookies
        configuration.retentionDays = retentionDays
        configuration.analysisInterval = .seconds(max(1, analysisInterval))
        let environment = try ServerEnvironment.openReportingProblems(configuration, logger: logger)
        let forwarding = try upstream.forwardingLoop(environment, logger: logger)
        let app = buildApplication(configuration, environment: environment, logger: logger) { host, port in
            printNow("TiengNoi đang chạy tại http://\(host):\(port)")
        }
        // The forwarder runs beside the server and stops with it: cancelling aborts a request in flight
        // within a second, and the row it was sending simply stays queued.
        let forwarder = forwarding.map { loop in Task { await loop.run() } }
        defer { forwarder?.cancel() }
        try await app.runService()
        forwarder?.cancel()
        await forwarder?.value
    }
}

extension ServerEnvironment {
    /// Opens the environment, turning start-up refusals into messages and exit code 1.
    static func openReportingProblems(_ configuration: ServerConfiguration, logger: Logger) throws -> ServerEnvironment {
        do {
            return try ServerEnvironment.open(configuration, logger: logger)
        } catch let error as FormProblems {
            for problem in error.problems { printError(problem.description) }
            throw ExitCode(1)
        } catch let error as FormVersionConflict {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
