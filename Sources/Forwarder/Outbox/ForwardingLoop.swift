import Foundation
import Logging

/// What `tiengnoi serve --upstream` runs beside the HTTP server: one task queues a summary every
/// `pushInterval` seconds when the data changed, another delivers due rows. Rows queued by other
/// processes (`tiengnoi push`, `tiengnoi outbox retry`) are picked up within `pollInterval`.
/// Errors are logged and the loops go on; only cancellation (server shutdown) ends them.
public struct ForwardingLoop: Sendable {
    public let queueing: SummaryQueueing
    public let sender: OutboxSender
    public let pushInterval: Double
    public let pollInterval: Double
    public let logger: Logger
    /// The consented photos and documents, sent after a summary that lists them was delivered.
    public let evidence: (uploader: EvidenceUploader, source: any EvidenceSource)?

    public init(
        queueing: SummaryQueueing, sender: OutboxSender, pushInterval: Double, pollInterval: Double = 1,
        logger: Logger = Logger(label: "tiengnoi.forwarder"), evidence: (uploader: EvidenceUploader, source: any EvidenceSource)? = nil
    ) {
        self.evidence = evidence
        self.queueing = queueing
        self.sender = sender
        self.pushInterval = pushInterval
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Both loops until cancelled (as a service: `run()`, in Services.swift).
    public func loop() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await repeatUntilCancelled(every: pushInterval, what: "queueing a summary") {
                    if let row = try await queueing.queueIfChanged() {
                        logger.info("summary queued for upstream", metadata: ["row": "\(row.id)"])
                    }
                }
            }
            group.addTask {
                await repeatUntilCancelled(every: pollInterval, what: "delivering summaries") {
                    // Files go after the summary that lists them: the receiver takes only those.
                    if try await sender.deliverDue() > 0, let evidence {
                        try await evidence.uploader.deliverPending(from: evidence.source)
                    }
                }
            }
        }
    }

    private func repeatUntilCancelled(every seconds: Double, what: String, _ body: @Sendable () async throws -> Void) async {
        while !Task.isCancelled {
            do {
                try await body()
            } catch is CancellationError {
                return
            } catch {
                logger.error("forwarder: \(what) failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
        }
    }
}
