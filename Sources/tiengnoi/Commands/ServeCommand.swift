import ArgumentParser
import Forms
import Forwarder
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage
import WebApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server: submission API, forms, health and metrics.")

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port: Int = 8080

    @Option(
        help: """
            Seconds between background passes that classify and group new entries. While requests arrive at \
            more than 1,000 a second a pass slows down (at least 250 entries every quarter second) and catches up after.
            """)
    var analysisInterval: Int = 10

    @Option(help: "Delete children's own words after this many days; counts are kept.")
    var retentionDays: Int?

    @Flag(help: "Mark the staff session cookie Secure (the server is reached over TLS).")
    var secureCookies = false

    @Flag(
        help:
            "Let the submission API take entries without a token or the school's form key. Only for a closed network: by default every entry needs one (X-TiengNoi-School-Key or Authorization: Bearer), with the form's rate limits."
    )
    var openSubmissions = false

    /// The default since security v1; kept so existing start-up scripts keep working.
    @Flag(help: .hidden) var requireSubmissionKey = false

    @OptionGroup var data: DataDirectoryOption
    @OptionGroup var forms: FormsDirectoryOption
    @OptionGroup(title: "Pushing summaries upstream") var upstream: UpstreamOptions
    @OptionGroup(title: "Pulling answers from the level above") var answers: AnswerPullOptions

    func validate() throws {
        if openSubmissions && requireSubmissionKey {
            throw ValidationError("--open-submissions and --require-submission-key contradict each other")
        }
    }

    func run() async throws {
        var logger = Logger(label: "tiengnoi")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        var configuration = ServerConfiguration(
            host: host, port: port, dataDirectory: data.directory,
            formsDirectory: forms.directory)
        configuration.secureCookies = secureCookies
        configuration.requireSubmissionKey = !openSubmissions
        configuration.retentionDays = retentionDays
        configuration.analysisInterval = .seconds(max(1, analysisInterval))
        let environment = try ServerEnvironment.openReportingProblems(configuration, logger: logger)
        // Forwarding and answer pulling run as services beside the server and the analysis: on
        // SIGTERM each stops, a request in flight is aborted within a second and its row stays queued.
        var services: [any Service] = []
        if let forwarding = try upstream.forwardingLoop(environment, logger: logger) { services.append(forwarding) }
        if let puller = try answerPuller(environment, logger: logger) {
            services.append(AnswerPullService(puller: puller, interval: answers.answersInterval))
        }
        try firstAdmin(environment.database)
        let database = environment.database
        let app = buildApplication(configuration, environment: environment, logger: logger, services: services) { host, port in
            // The addresses with the port really bound (with --port 0 the system chose it).
            printNow("TiengNoi đang chạy tại http://\(host):\(port)")
            printNow("Trang cán bộ: http://\(host):\(port)/login")
            if let school = try? database.schools().first, let key = try? database.schoolLinkKey(school.code, rotate: false) {
                printNow("Biểu mẫu cho trẻ em (\(school.name)): http://\(host):\(port)/f/\(school.code)?k=\(key)")
            }
        }
        try await app.runService()
    }

    /// On an empty database the first admin is made with a one-time password, printed once here
    /// (never logged) and to be changed at the first sign-in: without an account nobody could
    /// open the staff pages without reading the command line's help.
    static let firstAdminName = "quantri"

    private func firstAdmin(_ database: AppDatabase) throws {
        guard try !database.hasUsers() else { return }
        let password = OneTimePassword.make()
        _ = try database.addUser(username: Self.firstAdminName, passwordHash: Passwords.hash(password), role: .admin, school: nil,
                                 office: nil, safeguarding: false, mustChangePassword: true, actor: "serve")
        printNow("Tài khoản quản trị đầu tiên: \(Self.firstAdminName) — mật khẩu dùng một lần: \(password) (phải đổi khi đăng nhập lần đầu)")
        printNow("First admin account: \(Self.firstAdminName) — one-time password: \(password) (to be changed at the first sign-in)")
    }

    /// With --upstream, answers to this unit's issues are pulled from the level above on an interval.
    private func answerPuller(_ environment: ServerEnvironment, logger: Logger) throws -> AnswerPuller? {
        guard let configuration = try upstream.configuration() else { return nil }
        guard let url = try answers.url(upstream: configuration, options: upstream, required: false) else {
            logger.warning("answers are not pulled: give --answers-url for an upstream that is not TiengNoi")
            return nil
        }
        logger.info("pulling answers from upstream", metadata: ["url": "\(url)", "interval_s": "\(answers.answersInterval)"])
        return answers.puller(upstream: configuration, url: url, database: environment.database, logger: logger)
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
