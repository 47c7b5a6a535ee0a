import Forms
import Forwarder
import Foundation
import Hummingbird
import NIOCore
import Storage

/// `/health`, `/metrics` and `/openapi.yaml`: what operators and clients read about the server itself.
struct SystemController {
    let database: AppDatabase
    let writer: SubmissionWriter
    let healthProbe: HealthProbe

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health", use: health)
        router.get("metrics", use: metrics)
        router.get("openapi.yaml", use: openAPI)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        if await healthProbe.isHealthy() {
            return Response(status: .ok, headers: Response.jsonHeaders, body: .init(byteBuffer: Self.healthy))
        }
        return .json(["status": "unavailable"], status: .serviceUnavailable)
    }

    /// The healthy answer made once, as `Response.json(["status": "ok"])` writes it: monitors and
    /// load balancers poll this, and it should cost the server next to nothing (issue 19).
    static let healthy = ByteBuffer(string: JSONValue.object(["status": .string("ok")]).canonicalString())

    /// Operators scrape from this machine; from anywhere else a staff token is needed, since
    /// the counts tell how active each part of the service is.
    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        if !Self.isLoopback(context.remoteAddress) {
            guard let token = StaffAuthMiddleware.bearerToken(in: request),
                try await database.user(forToken: token) != nil
            else { throw StaffAuthMiddleware.unauthenticated }
        }
        let stored = try? await database.countSubmissions()
        let outbox = try? await Outbox(database: database).countsByStatus()
        let text = Telemetry.exposition(queueDepth: writer.queueDepth, submissionsStored: stored, outboxRows: outbox)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else {
            throw APIError(
                .internalServerError, code: "spec_missing",
                vi: "Không tìm thấy tệp openapi.yaml", en: "openapi.yaml is missing from the build")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
