import ArgumentParser
import Forwarder
import Foundation
import Logging
import Storage
import WebApp

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Queue this unit's summary for the level above now; with --wait, deliver it and report.",
        discussion: """
            The summary is frozen into the outbox when queued: retries send the same bytes. Without \
            --wait, a running `tiengnoi serve --upstream …` delivers it. Exit codes with --wait: 0 delivered, \
            1 refused or given up, 2 still queued when --max-wait ran out (it stays queued).
            """)

    @Flag(help: "Deliver now and wait for the outcome.")
    var wait = false

    @Option(help: "With --wait: seconds to keep retrying before leaving the summary queued.")
    var maxWait: Double = 600

    @OptionGroup var upstream: UpstreamOptions
    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption

    func run() async throws {
        let configuration = try upstream.configuration()
        if wait && configuration == nil {
            printError("--wait cần --upstream URL — --wait needs --upstream URL")
            throw ExitCode(1)
        }
        let environment = try ServerEnvironment.openReportingProblems(
            ServerConfiguration.withoutIntake(dataDirectory: data.directory, formsDirectory: forms.directory),
            logger: Logger(label: "tiengnoi.push"))
        let outbox = Outbox(database: environment.database)
        let code = try configuration?.sender ?? upstream.senderCode()
        let queued = try await SummaryQueueing(outbox: outbox, source: UpstreamOptions.summarySource(environment, unit: code))
            .queueNow()
        guard wait, let configuration else {
            printNow(
                "Đã xếp bản tổng hợp \(queued.id) vào hàng đợi; `tiengnoi serve --upstream …` sẽ gửi "
                    + "— queued summary \(queued.id); a running `tiengnoi serve --upstream …` delivers it")
            return
        }
        var logger = Logger(label: "tiengnoi.push")
        logger.logLevel = .warning
        let sender = OutboxSender(
            outbox: outbox, upstream: configuration,
            transport: CurlClient(options: configuration.client), logger: logger)
        let row = try await sender.deliver(id: queued.id, maxWait: maxWait)
        let tries = "\(row.tries) lần thử — \(row.tries) \(row.tries == 1 ? "try" : "tries")"
        switch row.status {
        case .delivered:
            printNow("Đã gửi bản tổng hợp \(row.id) (HTTP \(row.lastStatus ?? 0), \(tries)) — delivered summary \(row.id)")
            // Then the photos and documents it lists with consent (the rest go as checksums only).
            let round = try await EvidenceUploader(
                database: environment.database, upstream: configuration, transport: CurlClient(options: configuration.client),
                logger: logger
            ).deliverPending(from: UpstreamOptions.evidenceSource(environment))
            if round.delivered + round.alreadyThere + round.failed > 0 {
                printNow("Ảnh, tài liệu minh chứng: gửi \(round.delivered), cấp trên đã có \(round.alreadyThere), lỗi \(round.failed) "
                         + "— evidence files: \(round.delivered) sent, \(round.alreadyThere) already there, \(round.failed) failed")
            }
            if round.failed > 0 { throw ExitCode(1) }
        case .failed:
            printError(
                "Bản tổng hợp \(row.id) bị từ chối hoặc đã bỏ cuộc (\(row.lastOutcome), \(tries)) "
                    + "— summary \(row.id) was refused or given up")
            if let body = row.responseBody { printError(String(body.prefix(2000))) }
            throw ExitCode(1)
        case .queued:
            printError(
                "Chưa gửi được sau \(Int(maxWait)) giây (\(row.lastOutcome), \(tries)); bản tổng hợp \(row.id) "
                    + "vẫn trong hàng đợi — not delivered within \(Int(maxWait)) s; summary \(row.id) stays queued")
            throw ExitCode(2)
        }
    }
}
