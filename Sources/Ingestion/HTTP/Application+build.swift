import Aggregator
import Forwarder
import Foundation
import Hummingbird
import Logging

/// The routes: the JSON API under `/api/v1`, plus health, metrics and the OpenAPI description,
/// and each school's answer sheet under `/schools/{code}/answers`.
public func buildRouter(_ environment: ServerEnvironment) -> Router<AppRequestContext> {
    Telemetry.bootstrap()
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    SystemController(database: environment.database, writer: environment.writer,
                     healthProbe: HealthProbe(database: environment.database)).addRoutes(to: router)
    let api = router.group("api/v1")
    SubmissionsController(intake: environment.intake).addRoutes(to: api)
    FormsController(forms: environment.forms).addRoutes(to: api)
    SummaryIntakeController(intake: SummaryIntake(database: environment.database)).addRoutes(to: api)
    AnswerFeedController(feed: AnswerFeed(database: environment.database),
                         authentication: SenderAuthentication(database: environment.database),
                         intake: SummaryIntake(database: environment.database)).addRoutes(to: api)
    AnswersController(environment: environment).addRoutes(to: api)
    AnswerSheetController(environment: environment).addRoutes(to: router)
    return router
}

/// The server application; `runService()` stops accepting on SIGINT or SIGTERM, lets requests in
/// flight finish, and returns.
public func buildApplication(
    _ configuration: ServerConfiguration,
    environment: ServerEnvironment,
    logger: Logger,
    onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    var pass = AnalysisPass(database: environment.database, forms: environment.forms)
    // Short write transactions, so that submissions waiting for the writer are not held up.
    pass.chunkSize = 1_000
    return Application(
        router: buildRouter(environment),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "TiengNoi"),
        services: [AnalysisService(pass: pass, interval: configuration.analysisInterval, logger: logger)],
        onServerRunning: { channel in
            await onRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}
