import Foundation
import Logging
import Storage

/// Delivers outbox rows: signs each attempt afresh (a new timestamp, the same frozen body and
/// Idempotency-Key), posts it, and records what happened.
public struct OutboxSender: Sendable {
    public let outbox: Outbox
    public let upstream: UpstreamConfiguration
    public let transport: any UpstreamTransport
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(
        outbox: Outbox, upstream: UpstreamConfiguration, transport: any UpstreamTransport,
        clock: @escaping @Sendable () -> Date = Date.init, logger: Logger = Logger(label: "tiengnoi.forwarder")
    ) {
        self.outbox = outbox
        self.upstream = upstream
        self.transport = transport
        self.clock = clock
        self.logger = logger
    }

    /// Long enough for one whole attempt, so a lease never ends while its request is in flight.
    var lease: Double { upstream.client.connectTimeout + upstream.client.totalTimeout + 30 }

    /// The request for one attempt at `now`.
    public func request(for row: OutboxRow, now: Date) -> UpstreamRequest {
        let body = Data(row.payload.utf8)
        return UpstreamRequest(
            url: upstream.url,
            headers: [("Content-Type", "application/json"), ("Idempotency-Key", row.id)]
                + RequestSignature.headers(secret: upstream.secret, sender: upstream.sender, idempotencyKey: row.id, now: now, body: body),
            body: body)
    }

    /// One attempt at a claimed row.
    @discardableResult
    public func attempt(_ row: OutboxRow) async throws -> OutboxRow {
        let result = await transport.post(request(for: row, now: clock()))
        let updated = try outbox.record(id: row.id, result: result, now: clock())
        // Counts and ids only: the payload and the secret never go to the log.
        let metadata: Logger.Metadata = ["row": "\(row.id)", "try": "\(updated.tries)", "outcome": "\(updated.lastOutcome)"]
        switch updated.status {
        case .delivered: logger.info("summary delivered upstream", metadata: metadata)
        case .queued: logger.warning("summary not delivered; will retry at \(updated.nextAttemptAt ?? "?")", metadata: metadata)
        case .failed: logger.error("summary refused or given up; see `tiengnoi outbox`", metadata: metadata)
        }
        return updated
    }

    /// Attempts every row that is due now, oldest first; returns how many attempts were made.
    @discardableResult
    public func deliverDue() async throws -> Int {
        var attempts = 0
        while !Task.isCancelled, let row = try outbox.claimDue(now: clock(), lease: lease) {
            try await attempt(row)
            attempts += 1
        }
        return attempts
    }

    /// Keeps attempting one row, sleeping through its backoff, until it is delivered or failed or
    /// `maxWait` seconds have passed (`tiengnoi push --wait`). Returns the row as it then stands.
    public func deliver(id: String, maxWait: Double) async throws -> OutboxRow {
        let deadline = clock().addingTimeInterval(maxWait)
        while true {
            if let claimed = try outbox.claimDue(id: id, now: clock(), lease: lease) {
                try await attempt(claimed)
            }
            guard let row = try outbox.row(id: id) else { throw OutboxError.unknownRow(id) }
            let now = clock()
            guard row.status == .queued, now < deadline else { return row }
            // Another process may hold the lease; its outcome shows up when it ends.
            let due = row.nextAttemptAt.flatMap(Timestamp.date) ?? now
            let pause = min(max(due.timeIntervalSince(now), 0.05), deadline.timeIntervalSince(now), 1)
            try await Task.sleep(for: .seconds(pause))
        }
    }
}
