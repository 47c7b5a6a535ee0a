import Crypto
import Forms
import Foundation
import GRDB

/// A summary pushed here by a registered sender, stored as the exact JSON text it sent.
/// Storage does not decode it: the Aggregator reads `payload` with `Summary.decodeValidated`.
public struct ReceivedSummary: Sendable, Hashable {
    public var id: Int64
    public var sender: String
    public var idempotencyKey: String
    public var payload: String
    /// The sender's generation time, as Timestamp text.
    public var generatedAt: String
    public var receivedAt: String
}

/// What storing a received summary did.
public enum ReceivedSummaryOutcome: Sendable, Equatable {
    case stored
    /// The same sender and Idempotency-Key with the same body: a retry, nothing stored.
    case duplicate
    /// The same sender and Idempotency-Key with a different body.
    case conflict
}

extension AppDatabase {
    /// Stores a summary once per sender and Idempotency-Key. Async: it may wait behind the
    /// submission writer's commit, which must not block a server thread.
    public func storeReceivedSummary(
        sender: String, idempotencyKey: String, payload: Data, generatedAt: String,
        now: Date = Date()
    ) async throws -> ReceivedSummaryOutcome {
        let hash = hexString(SHA256.hash(data: payload))
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO received_summaries (sender, idempotency_key, payload, payload_hash, generated_at, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sender, idempotency_key) DO NOTHING
                    """,
                arguments: [
                    sender, idempotencyKey, String(decoding: payload, as: UTF8.self), hash, generatedAt,
                    Timestamp.string(now),
                ])
            if db.changesCount == 1 { return .stored }
            let stored = try String.fetchOne(
                db, sql: "SELECT payload_hash FROM received_summaries WHERE sender = ? AND idempotency_key = ?",
                arguments: [sender, idempotencyKey])
            return stored == hash ? .duplicate : .conflict
        }
    }

    /// Each sender's latest summary (by the sender's own generation time): what a roll-up adds to
    /// this unit's own entries.
    public func latestReceivedSummaries() throws -> [ReceivedSummary] {
        try read { db in try Self.latestReceivedSummaries(db) }
    }

    /// The same, inside a read the caller already holds (to count own entries in the same snapshot).
    public static func latestReceivedSummaries(_ db: Database) throws -> [ReceivedSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, sender, idempotency_key, payload, generated_at, received_at
                FROM latest_received_summaries ORDER BY sender
                """
        ).map(receivedSummary)
    }

    /// Each sender's two latest summaries (newest first) and how many it has sent in all: what the
    /// district's page of units below shows (who sent, when, what changed since the one before).
    public func recentReceivedSummaries() async throws -> [String: (recent: [ReceivedSummary], count: Int)] {
        try await read { db in
            var result: [String: (recent: [ReceivedSummary], count: Int)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, sender, idempotency_key, payload, generated_at, received_at, total FROM (
                      SELECT *, row_number() OVER (PARTITION BY sender ORDER BY generated_at DESC, id DESC) AS position,
                             count(*) OVER (PARTITION BY sender) AS total
                      FROM received_summaries)
                    WHERE position <= 2 ORDER BY sender, position
                    """)
            {
                let summary = Self.receivedSummary(row)
                result[summary.sender, default: ([], row["total"])].recent.append(summary)
            }
            return result
        }
    }

    /// Which of `ids` another sender's latest summary already carries as an issue: an issue id
    /// belongs to the unit that formed it, so a second unit claiming it is refused.
    public func issueIDsReported(byOtherThan sender: String, among ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            let wanted = Set(ids)
            var found: Set<String> = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT json_extract(j.value, '$.id') FROM latest_received_summaries r, json_each(r.payload, '$.issues') j
                    WHERE r.sender != ?
                    """, arguments: [sender])
            {
                if let id: String = row[0], wanted.contains(id) { found.insert(id) }
            }
            return found
        }
    }

    /// Every summary received, oldest first.
    public func receivedSummaries(sender: String? = nil) throws -> [ReceivedSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, sender, idempotency_key, payload, generated_at, received_at
                    FROM received_summaries WHERE ?1 IS NULL OR sender = ?1 ORDER BY id
                    """, arguments: [sender]
            ).map(Self.receivedSummary)
        }
    }

    private static func receivedSummary(_ row: Row) -> ReceivedSummary {
        ReceivedSummary(
            id: row["id"], sender: row["sender"], idempotencyKey: row["idempotency_key"],
            payload: row["payload"], generatedAt: row["generated_at"], receivedAt: row["received_at"])
    }
}
