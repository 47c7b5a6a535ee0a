import ArgumentParser
import Forwarder
import Foundation
import Logging
import Storage
import WebApp

/// Where and as whom this instance pushes summaries: the same options on `serve` and `push`.
/// There is deliberately no option for the secret itself: a command line shows in `ps` and in
/// shell history.
struct UpstreamOptions: ParsableArguments {
    @Option(help: "The receiver's URL, e.g. https://district.example/api/v1/intake/summaries.")
    var upstream: String?

    @Option(help: "This unit's code, as the receiver registered it (a school or district code).")
    var sender: String?

    @Option(
        help: ArgumentHelp(
            "A file holding the secret shared with the receiver.",
            discussion: "Without it, the environment variable \(UpstreamSecret.environmentVariable) is read."))
    var secretFile: String?

    @Option(help: "Seconds between checks for changed data to push (serve only).")
    var pushInterval: Double = 300

    @Option(help: "Seconds to establish a connection to the receiver.")
    var connectTimeout: Double = 10

    @Option(help: "Seconds for one whole delivery attempt.")
    var requestTimeout: Double = 60

    @Option(help: "A PEM file of certificate authorities to trust for the receiver (default: the system's).")
    var caFile: String?

    @Flag(help: "Allow a plain http:// upstream that is not this machine (a closed network only): otherwise only https:// or loopback.")
    var allowInsecureUpstream = false

    @Flag(help: "Use a secret file that other users on this machine can read (refused by default).")
    var allowReadableSecret = false

    func validate() throws {
        guard pushInterval >= 1 else { throw ValidationError("--push-interval must be at least 1 second") }
        guard connectTimeout > 0, requestTimeout > 0 else { throw ValidationError("timeouts must be positive") }
    }

    /// This unit's code, canonical like school codes; fails with a message when missing.
    func senderCode() throws -> String {
        guard let sender, !sender.trimmingCharacters(in: .whitespaces).isEmpty else {
            printError("Thiếu --sender MÃ: mã đơn vị của máy này — --sender CODE is required: this unit's code")
            throw ExitCode(1)
        }
        return School.canonicalCode(sender)
    }

    /// The full configuration, or nil when no `--upstream` was given. Any other problem ends the
    /// command with a message and exit code 1.
    func configuration() throws -> UpstreamConfiguration? {
        guard let upstream else { return nil }
        guard UpstreamConfiguration.checkURL(upstream) else {
            printError(
                "--upstream phải là địa chỉ http:// hoặc https:// đầy đủ, không phải «\(upstream)» "
                    + "— --upstream must be a full http:// or https:// URL, not «\(upstream)»")
            throw ExitCode(1)
        }
        try refuseInsecure(upstream, option: "--upstream")
        let code = try senderCode()
        let secret: UpstreamSecret
        do {
            secret = try UpstreamSecret.load(file: secretFile, allowReadable: allowReadableSecret)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            printError("Không đọc được tệp --ca-file \(caFile) — cannot read the --ca-file \(caFile)")
            throw ExitCode(1)
        }
        return UpstreamConfiguration(
            url: upstream, sender: code, secret: secret,
            client: .init(
                connectTimeout: connectTimeout, totalTimeout: requestTimeout,
                caFile: caFile))
    }
}

extension UpstreamOptions {
    /// Ends the command when `url` is plain HTTP to another machine, unless --allow-insecure-upstream.
    func refuseInsecure(_ url: String, option: String) throws {
        guard UpstreamConfiguration.isInsecure(url), !allowInsecureUpstream else { return }
        printError(
            "\(option) \(url) là http:// không mã hoá tới máy khác: dùng https:// (hoặc --allow-insecure-upstream "
                + "nếu đây là mạng kín) — \(option) is plain http:// to another machine: use https:// "
                + "(or --allow-insecure-upstream on a closed network)")
        throw ExitCode(1)
    }

    /// The one place that decides what summary is pushed: the Aggregator's, rolled up with the
    /// latest summaries of the units below.
    static func summarySource(_ environment: ServerEnvironment, unit: String) -> any SummarySource {
        AggregateSummarySource(
            database: environment.database, forms: environment.forms,
            targets: environment.targets, unit: unit, analysis: environment.analysis)
    }

    /// What `serve` runs when `--upstream` is given: queue on the interval, deliver continuously.
    func forwardingLoop(_ environment: ServerEnvironment, logger: Logger) throws -> ForwardingLoop? {
        guard let configuration = try configuration() else { return nil }
        let outbox = Outbox(database: environment.database)
        logger.info(
            "pushing summaries upstream",
            metadata: [
                "upstream": "\(configuration.url)", "sender": "\(configuration.sender)",
                "interval_s": "\(pushInterval)", "secret_fingerprint": "\(configuration.secret.fingerprint)",
            ])
        return ForwardingLoop(
            queueing: SummaryQueueing(outbox: outbox, source: Self.summarySource(environment, unit: configuration.sender)),
            sender: OutboxSender(
                outbox: outbox, upstream: configuration, transport: CurlClient(options: configuration.client),
                logger: logger),
            pushInterval: pushInterval, logger: logger,
            evidence: (EvidenceUploader(database: environment.database, upstream: configuration,
                                        transport: CurlClient(options: configuration.client), logger: logger),
                       Self.evidenceSource(environment)))
    }

    /// The photos and documents that may go upward: the unit's own, marked with consent, and those
    /// its units below sent it.
    static func evidenceSource(_ environment: ServerEnvironment) -> any EvidenceSource {
        ConsentedEvidenceSource(database: environment.database, events: environment.events)
    }
}
