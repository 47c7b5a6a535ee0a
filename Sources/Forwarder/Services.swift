import ServiceLifecycle

/// `serve --upstream` runs the forwarding and the pulling of answers under service-lifecycle,
/// beside the HTTP server and the background analysis: on SIGTERM each loop is cancelled and
/// returns (a request in flight is aborted within a second; its row simply stays queued).
extension ForwardingLoop: Service {
    public func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }
}

/// Pulls answers from the level above every `interval` seconds, as a service.
public struct AnswerPullService: Service {
    public let puller: AnswerPuller
    public let interval: Double

    public init(puller: AnswerPuller, interval: Double) {
        self.puller = puller
        self.interval = interval
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await puller.run(every: interval) }
    }
}
