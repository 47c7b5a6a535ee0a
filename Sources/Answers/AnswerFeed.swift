import Foundation
import GRDB
import Storage
import Summary

/// Answers on their way down, as `GET /api/v1/answers` carries them: published answers to issues
/// the asking unit reported, in publication order. Drafts never leave; nor do answers to single
/// entries, whose entries never went up.
public struct AnswerFeed: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public static let defaultPageSize = 200
    public static let maximumPageSize = 1_000

    /// One answer as it travels down, and a page of them: the wire format lives in `Summary`.
    public typealias Item = DownwardAnswer
    public typealias Page = AnswerPage

    /// The answers for `sender` published after position `since`. When nothing new concerns the
    /// sender, `next` stays at `since`: an issue the sender reports later still gets an answer
    /// published before. A `since` beyond anything published here (this database was restored
    /// from an older backup) starts again from the beginning; the receiver keeps each id once.
    public func page(for sender: String, since: Int64, limit: Int = defaultPageSize) async throws -> Page {
        try await AnswerRoutes.refreshIfNeeded(database)
        let size = min(max(1, limit), Self.maximumPageSize)
        return try await database.read { db in
            let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(published_seq), 0) FROM answers") ?? 0
            let start = since > newest ? 0 : max(0, since)
            let versions = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(AnswerVersion.columns) FROM answers x
                    WHERE x.published_seq > ? AND x.target_kind = 'issue'
                      AND EXISTS (SELECT 1 FROM answer_routes r WHERE r.sender = ? AND r.issue_id = x.target_id)
                    ORDER BY x.published_seq LIMIT ?
                    """, arguments: [start, sender, size + 1]
            ).map(AnswerVersion.init(row:))
            let sent = versions.prefix(size)
            return Page(answers: sent.map { Item($0) }, next: sent.last?.publishedSeq ?? start, more: versions.count > size)
        }
    }
}

extension AnswerRoutes {
    /// `refresh` behind a read: a pull that finds nothing new received takes no write lock.
    static func refreshIfNeeded(_ database: AppDatabase) async throws {
        let behind = try await database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT coalesce((SELECT max(id) FROM received_summaries), 0)
                         > coalesce((SELECT last_received_id FROM answer_routes_progress WHERE id = 1), 0)
                    """) ?? false
        }
        if behind { try await database.write { try refresh($0) } }
    }
}

extension DownwardAnswer {
    public init(_ version: AnswerVersion) {
        self.init(
            id: version.id, issue: version.target.id, office: version.office, status: version.status.rawValue,
            text: version.text, reason: version.reason, solution: version.solution, dueDate: version.dueDate,
            draftedAt: version.draftedAt, publishedAt: version.publishedAt ?? version.draftedAt)
    }
}
