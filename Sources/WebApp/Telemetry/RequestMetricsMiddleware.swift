import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// The request metrics of Hummingbird's `MetricsMiddleware`, with the same names and labels
/// (`hb_requests`, `http_server_request_duration`, `hb_request_errors`,
/// `http_server_active_requests`; docs/api.md and the tests read them), recorded when the handler
/// returns its response instead of after the body is written.
///
/// Why not Hummingbird's own: it records in a closure wrapped around the response body
/// (`withPostWriteClosure`), which turns a one-buffer body into a closure body, and Hummingbird
/// then writes head, body and end as three separate writes to the channel instead of one batched
/// write — on every answer of the server (issue 19: TiengNoi's /health paid about a quarter more
/// CPU than a bare server's, most of it in the kernel and NIO). The duration therefore ends when the
/// response is ready, not when its last byte has left; for these small answers the difference is
/// the socket write.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let cache = RequestMetricsCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        RequestLoad.requestBegan()
        let active = cache.active(request.method)
        active.increment()
        do {
            let response = try await next(request, context)
            let metrics = cache.endpoint(
                .init(endpoint: context.endpointPath ?? "Unknown", method: request.method, status: response.status.code))
            metrics.counter.increment()
            metrics.timer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
            active.decrement()
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let metrics = cache.endpoint(
                .init(endpoint: context.endpointPath ?? "NotFound", method: request.method, status: status.code))
            metrics.counter.increment()
            metrics.errors.increment()
            active.decrement()
            throw error
        }
    }
}

/// The metric objects, made once per method and per route, method and status: a lookup under a
/// lock per request, no metric made or label array built on the way.
final class RequestMetricsCache: Sendable {
    struct Key: Hashable, Sendable {
        let endpoint: String
        let method: HTTPRequest.Method
        let status: Int
    }

    struct Endpoint: Sendable {
        let counter: Counter
        let timer: Metrics.Timer
        let errors: Counter

        init(_ key: Key) {
            let route = ("http.route", key.endpoint), method = ("http.request.method", key.method.rawValue)
            let status = key.status.description
            counter = Counter(label: "hb.requests", dimensions: [route, method, ("http.response.status_code", status)])
            timer = Metrics.Timer(
                label: "http.server.request.duration", dimensions: [route, method, ("http.response.status_code", status)],
                preferredDisplayUnit: .seconds)
            errors = Counter(label: "hb.request.errors", dimensions: [route, method, ("error.type", status)])
        }
    }

    private let meters = Mutex<[HTTPRequest.Method: Meter]>([:])
    private let endpoints = Mutex<[Key: Endpoint]>([:])

    func active(_ method: HTTPRequest.Method) -> Meter {
        meters.withLock { meters in
            if let meter = meters[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            meters[method] = meter
            return meter
        }
    }

    func endpoint(_ key: Key) -> Endpoint {
        endpoints.withLock { endpoints in
            if let found = endpoints[key] { return found }
            let made = Endpoint(key)
            endpoints[key] = made
            return made
        }
    }
}
