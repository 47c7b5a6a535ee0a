import Forms
import Foundation
import GRDB
import Storage
import Summary

/// The receiving end of answers pulled from the level above: each answer is stored once, by its
/// id, in the same transaction that moves the cursor on. A page fetched twice (a response cut
/// short, a retry, a lost cursor) therefore adds nothing the second time.
public struct AnswerReceipt: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Where the pull from `upstream` got to (0 before the first pull).
    public func cursor(upstream: String) async throws -> Int64 {
        try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT cursor FROM answer_pulls WHERE upstream = ?", arguments: [upstream]) ?? 0
        }
    }

    /// Checks one received answer; nil when it cannot be shown (a status this version does not
    /// know, or "cannot implement" without its reason and solution).
    public static func version(_ item: AnswerFeed.Item) -> AnswerVersion? {
        guard let status = AnswerStatus(rawValue: item.status), !item.id.isEmpty, !item.issue.isEmpty,
            !item.office.isBlank, status == .unanswered || !item.text.isBlank,
            status != .cannotImplement || (!(item.reason ?? "").isBlank && !(item.solution ?? "").isBlank)
        else { return nil }
        return AnswerVersion(
            id: item.id.lowercased(), target: .issue(item.issue.lowercased()), office: item.office.nfc,
            status: status, text: item.text.nfc, reason: item.reason?.nfc, solution: item.solution?.nfc,
            dueDate: item.dueDate.flatMap { CalendarDate($0) == nil ? nil : $0 },
            draftedAt: item.draftedAt, publishedAt: item.publishedAt, source: "upstream")
    }

    /// Stores the page's answers not stored before and moves the cursor to `next`. Returns how
    /// many were new.
    @discardableResult
    public func store(_ versions: [AnswerVersion], upstream: String, next: Int64, now: Date = Date()) async throws -> Int {
        let stamp = Timestamp.string(now)
        return try await database.write { db in
            var added = 0
            for version in versions {
                try db.execute(
                    sql: """
                        INSERT INTO answers (id, target_kind, target_id, office, status, text, reason, solution, due_date,
                                             drafted_at, published_at, published_seq, source, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(published_seq), 0) + 1 FROM answers),
                                'upstream', ?)
                        ON CONFLICT (id) DO NOTHING
                        """,
                    arguments: [
                        version.id, version.target.kind, version.target.id, version.office,
                        version.status.rawValue, version.text, version.reason, version.solution,
                        version.dueDate, version.draftedAt, version.publishedAt ?? stamp, stamp,
                    ])
                added += db.changesCount
            }
            try db.execute(
                sql: """
                    INSERT INTO answer_pulls (upstream, cursor, last_success_at, last_error, updated_at)
                    VALUES (?, ?, ?, NULL, ?)
                    ON CONFLICT (upstream) DO UPDATE SET cursor = excluded.cursor, last_success_at = excluded.last_success_at,
                      last_error = NULL, updated_at = excluded.updated_at
                    """, arguments: [upstream, next, stamp, stamp])
            return added
        }
    }

    /// Checks each answer of a page, stores the showable ones not held yet and moves the cursor,
    /// in one transaction. Returns how many were new and how many were not showable.
    public func store(_ page: AnswerPage, upstream: String, now: Date) async throws -> (added: Int, skipped: Int) {
        let versions = page.answers.compactMap(Self.version)
        let added = try await store(versions, upstream: upstream, next: page.next, now: now)
        return (added, page.answers.count - versions.count)
    }

    /// Notes why the last pull failed, for `tiengnoi answers pulls`; the cursor stays.
    public func recordFailure(upstream: String, error: String, now: Date = Date()) async throws {
        let stamp = Timestamp.string(now)
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO answer_pulls (upstream, cursor, last_error, updated_at) VALUES (?, 0, ?, ?)
                    ON CONFLICT (upstream) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at
                    """, arguments: [upstream, String(error.prefix(500)), stamp])
        }
    }
}
