import Foundation
import GRDB
import Storage

extension AppDatabase {
    /// The issue an analysed entry was grouped into; nil before analysis, or for a held entry.
    public func issueID(ofEntry id: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT a.issue_id FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE s.id = ?
                    """, arguments: [id.lowercased()])
        }
    }

    /// The entries grouped into an issue (held ones never), oldest first: what an officer reads
    /// before answering it. `school` limits them to one school's.
    public func entries(ofIssue issue: String, school: String? = nil, limit: Int = 500) async throws -> [SubmissionRecord] {
        try await read { db in
            try SubmissionRecord.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM analyses a JOIN submissions s ON s.seq = a.seq
                    WHERE a.issue_id = ? AND NOT a.safeguarding AND NOT s.safeguarding AND (?2 IS NULL OR s.school_code = ?2)
                    ORDER BY s.seq LIMIT ?
                    """, arguments: [issue, school, limit])
        }
    }
}

/// An entry of an issue as its page shows it: how well it fits the other members
/// (`MemberFit`), and whether it is marked as perhaps asking something else.
public struct IssueMember: Sendable, Hashable {
    public var entry: SubmissionRecord
    public var fit: Double
    public var unlikeTheRest: Bool { fit < MemberFit.markBelow }

    /// `fit` 1 for an entry compared with nothing (one on its own).
    public init(entry: SubmissionRecord, fit: Double = 1) {
        self.entry = entry
        self.fit = fit
    }
}

extension AppDatabase {
    /// Members read to judge how each fits the rest: an issue's page must stay quick however many
    /// children wrote the same thing, and a few thousand members describe their request well enough.
    static let membersCompared = 2_000

    /// The entries of an issue for an officer to review (held ones never): those fitting the
    /// others least (below `MemberFit.markBelow`) first, least-fitting first and marked, then the
    /// rest oldest first. Fit is compared among the oldest `membersCompared` members.
    public func reviewMembers(ofIssue issue: String, limit: Int = 200) async throws -> [IssueMember] {
        let members = try await entries(ofIssue: issue, limit: Self.membersCompared)
        let weighting = try await AnalysisPass.sharedWeighting()
        let fit = MemberFit.similarities(members.map { weighting.vector(VietnameseText($0.voice)) })
        let all = zip(members, fit).map { IssueMember(entry: $0, fit: $1) }
        let marked = all.filter(\.unlikeTheRest).sorted { ($0.fit, $0.entry.seq) < ($1.fit, $1.entry.seq) }
        return Array((marked + all.filter { !$0.unlikeTheRest }).prefix(limit))
    }
}

/// One of a school's entries as its coordinator reads them: the words and the theme they are
/// counted under (the child's, a correction or the model's; nil before analysis).
public struct SchoolEntry: Sendable, Hashable {
    public var entry: SubmissionRecord
    public var theme: String?
}

extension AppDatabase {
    /// A school's entries, newest first, held ones never (they are read on the case pages only).
    /// `fromDay`/`toDay` are Vietnam's days ("YYYY-MM-DD"), both included.
    public func schoolEntries(
        school: String, kind: String? = nil, theme: String? = nil, fromDay: String? = nil, toDay: String? = nil,
        limit: Int = 500
    ) async throws -> (entries: [SchoolEntry], total: Int) {
        try await read { db in
            let filter = """
                FROM submissions s LEFT JOIN analyses a ON a.seq = s.seq
                WHERE s.school_code = ?1 AND NOT s.safeguarding AND NOT coalesce(a.safeguarding, 0)
                  AND (?2 IS NULL OR s.kind = ?2)
                  AND (?3 IS NULL OR coalesce(a.theme, s.chosen_theme) = ?3)
                  AND (?4 IS NULL OR coalesce(s.written_on, date(s.received_at, '+7 hours')) >= ?4)
                  AND (?5 IS NULL OR coalesce(s.written_on, date(s.received_at, '+7 hours')) <= ?5)
                """
            let arguments: StatementArguments = [school, kind, theme, fromDay, toDay]
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + filter, arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT s.*, coalesce(a.theme, s.chosen_theme) AS counted_theme " + filter + " ORDER BY s.seq DESC LIMIT ?6",
                arguments: arguments + [limit])
            let entries = try rows.map { row in SchoolEntry(entry: try SubmissionRecord(row: row), theme: row["counted_theme"]) }
            return (entries, total)
        }
    }
}

extension AppDatabase {
    /// The other open issues of an issue's form, of any theme, that share any of its terms, the most
    /// similar first: where its page suggests merging it (`IssueIndex.suggestions`). Never an issue
    /// split from it or it from. Empty for a merged or unknown issue. Only ids and similarities:
    /// the page shows those its reader may see.
    public func mergeSuggestions(forIssue id: String, limit: Int = 50) async throws -> [IssueIndex.Suggestion] {
        try await read { db in
            guard let (issue, neighbours) = try AnalysisStore.issueAndNeighbours(db, id: id) else { return [] }
            return IssueIndex.suggestions(for: issue, among: neighbours, limit: limit)
        }
    }

    /// What an issue's page offers to merge it into (`IssueEditing.merge` takes any of them): the
    /// open issues holding entries named in `first`, in that order and of any theme (the merge
    /// suggestions), then the largest of `theme`, `limit` in all; never the issue itself. Only
    /// issues formed here: one reported from below has no entries here to move.
    public func mergeTargets(
        forIssue id: String, theme: String, first: [String], limit: Int
    ) async throws -> [ReviewQueue.IssueRow] {
        try await read { db in
            let open = "SELECT \(ReviewQueue.issueColumns) FROM issues i WHERE i.merged_into IS NULL AND i.entries > 0 AND i.id != ?"
            let named = first.isEmpty ? [] : try Row.fetchAll(
                db, sql: "\(open) AND i.id IN (\(first.map { _ in "?" }.joined(separator: ",")))",
                arguments: [id] + StatementArguments(first)
            ).map(ReviewQueue.issueRow)
            let order = Dictionary(first.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var targets = named.sorted { order[$0.id]! < order[$1.id]! }.prefix(limit)
            let taken = Set(targets.map(\.id))
            let largest = try Row.fetchAll(
                db, sql: "\(open) AND i.theme = ? ORDER BY i.entries DESC, i.id LIMIT ?",
                arguments: [id, theme, limit + taken.count]
            ).map(ReviewQueue.issueRow)
            targets += largest.filter { !taken.contains($0.id) }.prefix(limit - targets.count)
            return Array(targets)
        }
    }
}
