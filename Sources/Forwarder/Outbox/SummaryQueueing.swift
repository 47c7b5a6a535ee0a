import Foundation
import Summary

/// Puts the current summary into the outbox: now (`tiengnoi push`) or only when the data changed
/// since the last one queued (`serve`, every interval).
public struct SummaryQueueing: Sendable {
    public let outbox: Outbox
    public let source: any SummarySource
    public let clock: @Sendable () -> Date

    public init(outbox: Outbox, source: any SummarySource, clock: @escaping @Sendable () -> Date = Date.init) {
        self.outbox = outbox
        self.source = source
        self.clock = clock
    }

    /// Queues unconditionally. The version is read before the summary is built, so if data changes
    /// in between, the stored version is the older one and the next interval pushes again, rather
    /// than the change being missed.
    @discardableResult
    public func queueNow() async throws -> OutboxRow {
        let version = try await source.dataVersion()
        let summary = try await source.currentSummary()
        return try outbox.enqueue(summary, dataVersion: version, now: clock())
    }

    /// Queues when the data version differs from the newest row's. A unit that has never pushed and
    /// has nothing to report stays quiet.
    @discardableResult
    public func queueIfChanged() async throws -> OutboxRow? {
        let version = try await source.dataVersion()
        let last = try outbox.lastDataVersion()
        guard version != last else { return nil }
        let summary = try await source.currentSummary()
        if last == nil && summary.totals.entries == 0 && summary.includes.isEmpty { return nil }
        return try outbox.enqueue(summary, dataVersion: version, now: clock())
    }
}
