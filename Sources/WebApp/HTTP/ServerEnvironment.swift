import Analysis
import Answers
import Events
import Forms
import Logging
import Reports
import Storage
import Summary

/// Everything the routes share, opened once at start-up.
public struct ServerEnvironment: Sendable {
    public let database: AppDatabase
    public let forms: FormVersions
    public let writer: SubmissionWriter
    public let intake: SubmissionIntake
    /// The campaign's targets (`forms/targets.yaml`), for the summary and the dashboard.
    public let targets: CampaignTargets
    /// The one runner of analysis passes, shared by the background services and the dashboard.
    public let analysis: AnalysisRunner
    /// Who may send entries: the form's limits, and the API's key or token when required.
    public let gate: SubmissionGate
    public var secureCookies = false
    /// The storage the routes talk to, behind protocols: the SQLite implementations by default
    /// (`AppDatabase`, `SQLiteAnswerRepository`); another engine would be passed here instead.
    public var accounts: any AccountRepository
    public var schools: any SchoolRepository
    public var safeguarding: any SafeguardingRepository
    public var answers: any AnswerRepository
    public var senders: any SenderAdministration
    /// The kinds of event units record (forms/targets.yaml `events:`), and where events are kept.
    public var eventKinds = EventKinds.defaults
    public var events: EventStore
    /// Where the forms were loaded from: the admin's forms page checks that folder again.
    public var formsDirectory = "forms"

    /// Opens the database, loads the forms folder and records its forms. Throws `FormProblems`
    /// for a broken form or targets file and `FormVersionConflict` for a form changed without a new version.
    public static func open(_ configuration: ServerConfiguration, logger: Logger) throws -> ServerEnvironment {
        let database = try AppDatabase(directory: configuration.dataDirectory)
        let catalog = try FormCatalog.load(paths: [configuration.formsDirectory])
        let targets = try CampaignTargets.load(formsDirectory: configuration.formsDirectory)
        let forms = try database.registerForms(catalog.sortedForms)
        let writer = SubmissionWriter(database: database, logger: logger)
        let intake = SubmissionIntake(
            forms: forms, schools: try SchoolDirectory(database: database), writer: writer,
            screen: configuration.safeguardingScreen ? try .detector() : .none)
        var pass = AnalysisPass(database: database, forms: forms)
        // Short write transactions, so that submissions waiting for the writer are not held up:
        // with 1,000 entries per write, 20 s of load gave an ingest p99 of 24–34 ms; with 250,
        // 15–19 ms, and a backlog of 100,000 entries is still analysed in about 5 s (issue 19).
        pass.chunkSize = 250
        var environment = ServerEnvironment(
            database: database, forms: forms, writer: writer, intake: intake,
            targets: targets, analysis: AnalysisRunner(pass: pass),
            gate: SubmissionGate(accounts: database, schools: database, required: configuration.requireSubmissionKey),
            accounts: database, schools: database, safeguarding: database,
            answers: SQLiteAnswerRepository(database: database, policy: targets.answers), senders: database,
            events: EventStore(database: database))
        environment.eventKinds = try EventKinds.load(formsDirectory: configuration.formsDirectory)
        // Checked at start, with file and line, so a broken `delegates:` block is said once here
        // rather than as an error page on every delegate register (the pages read it afresh).
        _ = try DelegateQuota.load(formsDirectory: configuration.formsDirectory)
        environment.secureCookies = configuration.secureCookies
        environment.formsDirectory = configuration.formsDirectory
        return environment
    }
}
