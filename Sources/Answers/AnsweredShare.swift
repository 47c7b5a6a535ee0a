import Analysis
import Forms
import Foundation
import GRDB
import Storage
import Summary

/// Counts this unit's own questions and recommendations and how many were answered. The asked
/// side comes from the tally cube (no pass over entries); the answered side reads only the
/// entries of answered issues and individually answered entries, found through indexes.
package enum AnsweredShare {
    /// `startMonth` ("YYYY-MM"): entries before the campaign's start are not counted, as for the
    /// other targets.
    /// `school`: only that school's entries (a coordinator's summary).
    /// `from`, `to` (YYYY-MM-DD): only entries of those days (a report's period), read from the
    /// entries themselves rather than the monthly tally cube.
    package static func read(
        _ db: Database, policy: AnswerPolicy, startMonth: String, school: String? = nil,
        from: String? = nil, to: String? = nil
    )
        throws -> Summary.AnswerTally
    {
        let kinds = policy.kinds
        let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
        var tally = Summary.AnswerTally()
        let bounded = from != nil || to != nil
        for row in try Row.fetchAll(
            db,
            sql: bounded
                ? """
                SELECT s.school_code, a.theme, count(*) FROM analyses a JOIN submissions s ON s.seq = a.seq
                WHERE NOT a.safeguarding AND s.kind IN (\(placeholders)) AND \(EntryDay.monthSQL) >= ?
                  AND (? IS NULL OR s.school_code = ?)
                  AND (? IS NULL OR \(EntryDay.sql) >= ?) AND (? IS NULL OR \(EntryDay.sql) <= ?)
                GROUP BY 1, 2
                """
                : """
                SELECT school_code, theme, sum(entries) FROM tally_cells
                WHERE kind IN (\(placeholders)) AND month >= ? AND entries > 0 AND (? IS NULL OR school_code = ?)
                GROUP BY 1, 2
                """,
            arguments: StatementArguments(kinds) + [startMonth, school, school]
                + (bounded ? [from, from, to, to] : []))
        {
            let count: Int = row[2]
            tally.asked += count
            tally.school[row[0], default: .init()].asked += count
            tally.theme[row[1], default: .init()].asked += count
        }
        var statuses: [String: Int] = [:]
        // The newest published answer per live issue and per entry; an entry takes whichever of
        // its own and its issue's is newer. The UNION finds the entries concerned through indexes.
        for row in try Row.fetchAll(
            db,
            sql: """
                WITH issue_seq AS (
                  SELECT coalesce(i.merged_into, x.target_id) AS issue, max(x.published_seq) AS seq
                  FROM answers x LEFT JOIN issues i ON i.id = x.target_id
                  WHERE x.target_kind = 'issue' AND x.published_seq IS NOT NULL GROUP BY 1),
                entry_seq AS (
                  SELECT target_id AS entry, max(published_seq) AS seq FROM answers
                  WHERE target_kind = 'entry' AND published_seq IS NOT NULL GROUP BY 1),
                touched AS (
                  SELECT a.seq FROM issue_seq q JOIN analyses a ON a.issue_id = q.issue
                  UNION
                  SELECT s.seq FROM entry_seq e JOIN submissions s ON s.id = e.entry)
                SELECT s.school_code, a.theme, x.status, count(*)
                FROM touched t
                JOIN submissions s ON s.seq = t.seq
                JOIN analyses a ON a.seq = t.seq
                LEFT JOIN issue_seq q ON q.issue = a.issue_id
                LEFT JOIN entry_seq e ON e.entry = s.id
                JOIN answers x ON x.published_seq = max(coalesce(q.seq, 0), coalesce(e.seq, 0))
                WHERE NOT a.safeguarding AND s.kind IN (\(placeholders))
                  AND \(EntryDay.monthSQL) >= ? AND (? IS NULL OR s.school_code = ?)
                  AND (? IS NULL OR \(EntryDay.sql) >= ?) AND (? IS NULL OR \(EntryDay.sql) <= ?)
                GROUP BY 1, 2, 3
                """, arguments: StatementArguments(kinds) + [startMonth, school, school, from, from, to, to])
        {
            let status: String = row[2]
            let count: Int = row[3]
            statuses[status, default: 0] += count
            guard AnswerStatus(rawValue: status)?.countsAsAnswered == true else { continue }
            tally.answered += count
            tally.school[row[0], default: .init()].answered += count
            tally.theme[row[1], default: .init()].answered += count
        }
        statuses[AnswerStatus.unanswered.rawValue] = tally.asked - tally.answered
        tally.byStatus = statuses.filter { $0.value > 0 }
        return tally
    }
}
