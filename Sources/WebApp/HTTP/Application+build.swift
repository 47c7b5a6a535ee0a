import Analysis
import Answers
import Forwarder
import Foundation
import Hummingbird
import Logging
import Reports
import ServiceLifecycle
import Summary

/// The routes: the JSON API under `/api/v1`, health, metrics and the OpenAPI description, the
/// children's form under `/f/{school}`, the staff dashboard, each school's
/// answer sheet and the files those pages use.
public func buildRouter(_ environment: ServerEnvironment) -> Router<AppRequestContext> {
    Telemetry.bootstrap()
    let pages: HTMLPages
    do {
        pages = try HTMLPages.bundled()
    } catch {
        // The templates ship inside the binary's resource bundle: without them the build is broken.
        fatalError("the HTML templates or assets could not be loaded: \(error)")
    }
    let router = Router(context: AppRequestContext.self)
    // The middleware stack, declared once for every route (its order: MiddlewareStack).
    let known = KnownRoutes()
    router.add(
        middleware: MiddlewareStack(
            errorPages: ErrorPageMiddleware(pages: pages), methodNotAllowed: MethodNotAllowedMiddleware(known: known)))
    SystemController(
        database: environment.database, writer: environment.writer,
        healthProbe: HealthProbe(database: environment.database)
    ).addRoutes(to: router)
    let api = router.group("api/v1")
    SubmissionsController(intake: environment.intake, gate: environment.gate).addRoutes(to: api)
    FormsController(forms: environment.forms).addRoutes(to: api)
    LoginController(accounts: environment.accounts, pages: pages, secureCookies: environment.secureCookies)
        .addRoutes(to: router)
    // Everything below needs a staff login or an API token.
    let staffAPI = router.group("api/v1").add(middleware: StaffAuthMiddleware(accounts: environment.accounts))
    StaffSummaryController(environment: environment).addRoutes(to: staffAPI)
    SafeguardingController(safeguarding: environment.safeguarding, accounts: environment.accounts).addRoutes(to: staffAPI)
    SummaryIntakeController(intake: SummaryIntake(database: environment.database), evidence: EvidenceIntake(database: environment.database))
        .addRoutes(to: api)
    // Signed by the unit below like its pushes, not by a staff login.
    AnswerFeedController(
        answers: environment.answers,
        authentication: SenderAuthentication(database: environment.database),
        intake: SummaryIntake(database: environment.database)
    ).addRoutes(to: api)
    AssetsController(assets: pages.assets).addRoutes(to: router)
    ChildFormController(environment: environment, pages: pages).addRoutes(to: router)
    // Staff pages: a browser without a login is sent to /login and comes back here after it.
    let staffPages = router.group().add(middleware: StaffAuthMiddleware(accounts: environment.accounts))
    DashboardController(environment: environment, pages: pages).addRoutes(to: staffPages)
    AnswersController(environment: environment).addRoutes(to: staffAPI)
    EventsController(environment: environment).addRoutes(to: staffAPI)
    AnswerSheetController(environment: environment, pages: pages).addRoutes(to: staffPages)
    AnswerPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    CasePagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    AccountPagesController(accounts: environment.accounts, database: environment.database, pages: pages)
        .addRoutes(to: staffPages)
    ImportPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    SchoolEntriesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    ReviewPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    BelowPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    PosterController(schools: environment.schools, pages: pages).addRoutes(to: staffPages)
    UserPagesController(administration: environment.database, schools: environment.schools, pages: pages)
        .addRoutes(to: staffPages)
    SchoolPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    SenderPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    FormPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    ReportPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    let eventPages = EventPagesController(environment: environment, pages: pages)
    eventPages.addRoutes(to: staffPages)
    EvidencePagesController(environment: environment, events: eventPages).addRoutes(to: staffPages)
    RunSheetPagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    DelegatePagesController(environment: environment, pages: pages).addRoutes(to: staffPages)
    known.load(router)
    return router
}

/// The server application; `runService()` stops accepting on SIGINT or SIGTERM, lets requests in
/// flight finish, and returns.
public func buildApplication(
    _ configuration: ServerConfiguration,
    environment: ServerEnvironment,
    logger: Logger,
    services extra: [any Service] = [],
    onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(environment),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "TiengNoi"),
        services: [
            AnalysisService(
                runner: environment.analysis, interval: configuration.analysisInterval,
                logger: logger)
        ]
            + (configuration.retentionDays.map {
                [
                    RetentionService(
                        days: $0, runner: environment.analysis, database: environment.database,
                        forms: environment.forms, logger: logger)
                ]
            } ?? [])
            + extra,
        onServerRunning: { channel in
            await onRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}
