import Forwarder
import Metrics
import Prometheus
import Synchronization

/// Prometheus metrics for the whole process. The metrics system can be bootstrapped once per process,
/// so every application built in the same test process shares this registry.
public enum Telemetry {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    private static let queueDepthGauge = registry.makeGauge(
        name: "tiengnoi_write_queue_depth", help: "Submissions waiting for the next group commit")
    private static let submissionsGauge = registry.makeGauge(
        name: "tiengnoi_submissions_stored", help: "Submissions stored in the database")

    /// One gauge per outbox status, so a dashboard can alert on `failed` > 0 or a growing `queued`.
    private static let outboxGauges = Dictionary(
        uniqueKeysWithValues: OutboxRow.Status.allCases.map { status in
            (
                status,
                registry.makeGauge(
                    descriptor: MetricNameDescriptor(
                        metricName: "tiengnoi_outbox", unitName: "rows",
                        helpText: "Summaries in the upstream outbox, by status"),
                    labels: [("status", status.rawValue)])
            )
        })

    public static func bootstrap() { _ = bootstrapped }

    /// Gauges are process-wide; the lock keeps one scrape's values from being overwritten by another's
    /// (two servers in one test process) between setting them and emitting them.
    private static let scrape = Mutex(())

    static func exposition(
        queueDepth: Int, submissionsStored: Int?,
        outboxRows: [OutboxRow.Status: Int]? = nil
    ) -> String {
        scrape.withLock { _ in
            queueDepthGauge.set(Double(queueDepth))
            if let submissionsStored { submissionsGauge.set(Double(submissionsStored)) }
            if let outboxRows {
                for (status, gauge) in outboxGauges { gauge.set(Double(outboxRows[status] ?? 0)) }
            }
            return registry.emitToString()
        }
    }

    /// Prometheus names allow letters, digits, underscores and colons only.
    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }
}
