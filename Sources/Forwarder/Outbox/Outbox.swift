import Foundation
import GRDB
import Storage
import Summary

/// The durable queue of summaries to push upstream. Every state lives in SQLite, so a restart
/// (or a crash mid-request) loses nothing; every transition takes `now` from the caller, so tests
/// drive time by hand.
///
///     queued ──2xx──▶ delivered
///       │ ▲
///       │ └─ network error, timeout, 408, 429, 5xx (backoff, until 24 h after the first attempt)
///       └──other 4xx, or 24 h of retries──▶ failed ──`outbox retry`──▶ queued
public struct Outbox: Sendable {
    public let database: AppDatabase
    public let policy: RetryPolicy

    public init(database: AppDatabase, policy: RetryPolicy = RetryPolicy()) {
        self.database = database
        self.policy = policy
    }

    /// Freezes the summary as JSON text in a new queued row, due now.
    @discardableResult
    public func enqueue(_ summary: Summary, dataVersion: String?, now: Date) throws -> OutboxRow {
        let payload = try Self.encode(summary)
        let id = UUID().uuidString.lowercased()
        let stamp = Timestamp.string(now)
        return try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox (id, payload, status, data_version, tries, next_attempt_at, created_at)
                    VALUES (?, ?, 'queued', ?, 0, ?, ?)
                    """,
                arguments: [id, payload, dataVersion, stamp, stamp])
            return try Self.fetch(db, id: id)!
        }
    }

    /// Sorted keys: the same summary always gives the same bytes, which keeps bodies diffable.
    static func encode(_ summary: Summary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    /// Takes the oldest due row (or the given one, if due) and leases it: its next attempt moves
    /// `lease` seconds on, so another process sharing the database (a `push --wait` beside
    /// `serve`) does not send it at the same time. If this process dies mid-request, the row
    /// simply becomes due again when the lease ends.
    public func claimDue(id: String? = nil, now: Date, lease: Double) throws -> OutboxRow? {
        let stamp = Timestamp.string(now)
        return try database.write { db in
            guard
                let claimed = try String.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM outbox
                        WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                          AND (?2 IS NULL OR id = ?2)
                        ORDER BY created_at, id LIMIT 1
                        """, arguments: [stamp, id])
            else { return nil }
            try db.execute(
                sql: "UPDATE outbox SET next_attempt_at = ? WHERE id = ?",
                arguments: [Timestamp.string(now.addingTimeInterval(lease)), claimed])
            return try Self.fetch(db, id: claimed)
        }
    }

    /// Records one attempt's result and moves the row on. Returns the row as it now stands.
    @discardableResult
    public func record(id: String, result: Result<UpstreamResponse, TransportError>, now: Date) throws -> OutboxRow {
        let verdict = DeliveryClassification.classify(result, now: now)
        var status: Int?
        var error: String?
        var body: String?
        switch result {
        case let .success(response):
            status = response.status
            body = response.body.isEmpty ? nil : String(decoding: response.body, as: UTF8.self)
        case let .failure(failure):
            error = failure.message
        }
        let stamp = Timestamp.string(now)
        return try database.write { db in
            guard let row = try Self.fetch(db, id: id) else { throw OutboxError.unknownRow(id) }
            let tries = row.tries + 1
            let firstAttempt = row.firstAttemptAt.flatMap(Timestamp.date) ?? now
            var next: String?
            var newStatus: OutboxRow.Status
            var keptBody: String? = body
            switch verdict {
            case .delivered:
                newStatus = .delivered
                keptBody = nil
            case .refuse:
                newStatus = .failed
            case let .retry(retryAfter):
                if policy.hasExpired(firstAttempt: firstAttempt, now: now) {
                    newStatus = .failed
                    let hours = Int(policy.giveUpAfter / 3600)
                    error = [error, "gave up after \(hours) h of retries"].compactMap { $0 }.joined(separator: "; ")
                } else {
                    newStatus = .queued
                    next = Timestamp.string(now.addingTimeInterval(policy.delay(afterTries: tries, retryAfter: retryAfter)))
                }
            }
            try db.execute(
                sql: """
                    UPDATE outbox SET status = ?, tries = ?, next_attempt_at = ?, first_attempt_at = ?,
                      last_status = ?, last_error = ?, response_body = ?,
                      delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
                    WHERE id = ?
                    """,
                arguments: [
                    newStatus.rawValue, tries, next, Timestamp.string(firstAttempt), status, error, keptBody,
                    newStatus.rawValue, stamp, id,
                ])
            return try Self.fetch(db, id: id)!
        }
    }

    /// Puts failed rows back in the queue, due now, with a fresh 24 h window and backoff.
    /// `id` may be a full id or an unambiguous prefix of one; nil re-queues every failed row.
    public func retry(id: String?, now: Date) throws -> [String] {
        try database.write { db in
            let ids: [String]
            if let id {
                let matches = try String.fetchAll(
                    db, sql: "SELECT id FROM outbox WHERE id LIKE ? || '%' ESCAPE '\\'",
                    arguments: [
                        id.lowercased().replacingOccurrences(of: "%", with: "\\%")
                            .replacingOccurrences(of: "_", with: "\\_")
                    ])
                guard !matches.isEmpty else { throw OutboxError.unknownRow(id) }
                guard matches.count == 1 else { throw OutboxError.ambiguous(id, matches.count) }
                let status = try String.fetchOne(db, sql: "SELECT status FROM outbox WHERE id = ?", arguments: [matches[0]])
                guard status == OutboxRow.Status.failed.rawValue else {
                    throw OutboxError.notFailed(matches[0], status ?? "?")
                }
                ids = matches
            } else {
                ids = try String.fetchAll(db, sql: "SELECT id FROM outbox WHERE status = 'failed' ORDER BY created_at")
            }
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'queued', tries = 0, first_attempt_at = NULL, next_attempt_at = ?
                        WHERE id = ?
                        """, arguments: [Timestamp.string(now), id])
            }
            return ids
        }
    }

    public func rows(limit: Int = 1000) throws -> [OutboxRow] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT ?", arguments: [limit])
                .map(OutboxRow.init(row:))
        }
    }

    public func row(id: String) throws -> OutboxRow? {
        try database.read { db in try Self.fetch(db, id: id) }
    }

    /// Every status with its count, zeros included: what `/metrics` exposes.
    public func countsByStatus() async throws -> [OutboxRow.Status: Int] {
        try await database.read { db in
            var counts = Dictionary(uniqueKeysWithValues: OutboxRow.Status.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM outbox GROUP BY status") {
                if let status = OutboxRow.Status(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// The data version of the newest row, whatever became of it: `serve` queues only when this changes.
    public func lastDataVersion() throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT data_version FROM outbox ORDER BY created_at DESC, id DESC LIMIT 1")
        }
    }

    /// When the next queued row falls due, to sleep exactly that long.
    public func nextDueDate() throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM outbox WHERE status = 'queued'")
        }.flatMap(Timestamp.date)
    }

    static func fetch(_ db: Database, id: String) throws -> OutboxRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(OutboxRow.init(row:))
    }
}

public enum OutboxError: Error, Sendable, CustomStringConvertible, Equatable {
    case unknownRow(String)
    case ambiguous(String, Int)
    case notFailed(String, String)

    public var description: String {
        switch self {
        case let .unknownRow(id):
            "Không có bản tổng hợp nào mã \(id) trong hàng đợi — no outbox row \(id)"
        case let .ambiguous(id, count):
            "Mã \(id) khớp với \(count) bản; hãy gõ dài hơn — \(id) matches \(count) rows; type more of it"
        case let .notFailed(id, status):
            "Bản \(id) đang ở trạng thái \(status), không phải failed — row \(id) is \(status), not failed"
        }
    }
}
