import Aggregator
import Forwarder
import Foundation
import Hummingbird
import Logging

/// The routes: the JSON API under `/api/v1`, health, metrics and the OpenAPI description, the
/// children's form under `/f/{school}`, the staff dashboard and the files those pages use.
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
    let pages: HTMLPages
    do {
        pages = try HTMLPages.bundled()
    } catch {
        // The templates ship inside the binary's resource bundle: without them the build is broken.
        fatalError("the HTML templates or assets could not be loaded: \(error)")
    }
    AssetsController(assets: pages.assets).addRoutes(to: router)
    ChildFormController(environment: environment, pages: pages).addRoutes(to: router)
    DashboardController(environment: environment, pages: pages).addRoutes(to: router)
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
    Application(
        router: buildRouter(environment),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "TiengNoi"),
        services: [AnalysisService(runner: environment.analysis, interval: configuration.analysisInterval,
                                   logger: logger)],
        onServerRunning: { channel in
            await onRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}
