import Analysis
import Answers
import ArgumentParser
import Forwarder
import Foundation
import Logging
import Reports
import Storage
import Summary

/// Where answers come down from: the level above, pulled with the same sender code and secret a
/// push uses (`UpstreamOptions`). Shared by `serve --upstream` and `answers pull`.
struct AnswerPullOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Where to pull answers from.",
            discussion: "Default: the --upstream address with /intake/summaries replaced by /answers."))
    var answersURL: String?

    @Option(help: "Seconds between pulls of answers from the level above (serve only).")
    var answersInterval: Double = 60

    func validate() throws {
        guard answersInterval >= 1 else { throw ValidationError("--answers-interval must be at least 1 second") }
    }

    /// The answers address, or nil (with the reason printed when `required`) when there is none.
    /// `upstream` already passed the plain-HTTP check; an --answers-url of its own must pass it too.
    func url(upstream: UpstreamConfiguration, options: UpstreamOptions, required: Bool) throws -> String? {
        if let answersURL {
            try options.refuseInsecure(answersURL, option: "--answers-url")
            guard UpstreamConfiguration.checkURL(answersURL) else {
                printError(
                    "--answers-url phải là địa chỉ http:// hoặc https:// đầy đủ, không phải «\(answersURL)» "
                        + "— --answers-url must be a full http:// or https:// URL, not «\(answersURL)»")
                throw ExitCode(1)
            }
            return answersURL
        }
        if let derived = AnswerPuller.answersURL(forIntake: upstream.url) { return derived }
        if required {
            printError(
                "Không suy ra được địa chỉ lấy câu trả lời từ --upstream; hãy dùng --answers-url URL "
                    + "— cannot derive the answers address from --upstream; give --answers-url URL")
            throw ExitCode(1)
        }
        return nil
    }

    /// The puller for this instance. Answer pages can be far larger than the error bodies a push
    /// keeps, so the transport keeps up to 16 MiB.
    func puller(upstream: UpstreamConfiguration, url: String, database: AppDatabase, logger: Logger) -> AnswerPuller {
        var client = upstream.client
        client.keptBodyBytes = 16 * 1024 * 1024
        return AnswerPuller(
            receipt: AnswerReceipt(database: database), url: url, sender: upstream.sender,
            secret: upstream.secret, transport: CurlClient(options: client),
            policy: RetryPolicy(cap: max(1, answersInterval)), logger: logger)
    }
}
