import Foundation
import GRDB
import Storage

/// What one school's answer sheet shows: its children's questions and recommendations grouped by
/// issue, each group with the answer published for it. Drafts and entries held for safeguarding
/// staff never appear; neither does any name.
public struct AnswerSheet: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var text: String
        public var kind: String
        /// Set when this entry was answered on its own more recently than its issue.
        public var ownAnswer: AnswerVersion?
    }

    public struct Group: Sendable, Hashable {
        public var issue: String?
        public var theme: String
        /// For an issue reported from below, its representative wording (there are no entries here).
        public var representative: String?
        /// The unit below that reported it, for issues not formed here.
        public var reportedBy: String?
        public var entries: [Entry]
        /// How many of the school's entries the group has in all (the sheet lists at most `entryLimit`).
        public var entryCount: Int
        public var answer: AnswerVersion?
        public var dueDate: String
    }

    public var school: String
    public var groups: [Group]

    /// A sheet pinned on a board is read, not searched: beyond this, a group says how many more.
    public static let entryLimit = 30

    public static func read(_ database: AppDatabase, school: String, policy: AnswerPolicy) async throws -> AnswerSheet {
        try await AnswerRoutes.refreshIfNeeded(database)
        return try await database.read { db in try read(db, school: school, policy: policy) }
    }

    static func read(_ db: Database, school: String, policy: AnswerPolicy) throws -> AnswerSheet {
        let answers = try AnswerIndex.read(db)
        let placeholders = policy.kinds.map { _ in "?" }.joined(separator: ", ")
        var byIssue: [String: (theme: String, entries: [Entry], count: Int)] = [:]
        var order: [String] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.voice, s.kind, a.issue_id, a.theme FROM submissions s JOIN analyses a ON a.seq = s.seq
                WHERE s.school_code = ? AND NOT a.safeguarding AND s.kind IN (\(placeholders))
                ORDER BY s.seq
                """, arguments: StatementArguments([school] + policy.kinds))
        {
            let id: String = row[0]
            let issue: String = row[3] ?? ""
            if byIssue[issue] == nil {
                byIssue[issue] = (row[4], [], 0)
                order.append(issue)
            }
            byIssue[issue]!.count += 1
            guard byIssue[issue]!.entries.count < entryLimit else { continue }
            let effective = answers.effective(entry: id, issue: issue)
            let own = effective?.target == .entry(id) ? effective : nil
            byIssue[issue]!.entries.append(Entry(id: id, text: row[1], kind: row[2] ?? "", ownAnswer: own))
        }
        let created = try Dictionary(
            Row.fetchAll(db, sql: "SELECT id, created_at FROM issues").map { ($0[0] as String, $0[1] as String) },
            uniquingKeysWith: { first, _ in first })
        func due(_ issue: String, createdAt: String?) -> String {
            answers.issueDrafts[issue]?.dueDate ?? answers.issues[issue]?.dueDate
                ?? policy.defaultDueDate(createdAt: createdAt ?? Timestamp.string(Date()))
        }
        var groups = order.map { issue -> Group in
            let group = byIssue[issue]!
            return Group(
                issue: issue.isEmpty ? nil : issue, theme: group.theme, representative: nil, reportedBy: nil,
                entries: group.entries, entryCount: group.count, answer: answers.issues[issue],
                dueDate: due(issue, createdAt: created[issue]))
        }
        // At a district: the school's issues as its own summary reported them.
        for reported in try ReportedIssue.all(db) where reported.schools.contains(school) && byIssue[reported.id] == nil {
            // The sheet is read to this school's children: another school's words never appear on
            // it, so an issue reported for several schools shows its theme and answer only.
            let words = reported.schools == [school] ? reported.representative : nil
            groups.append(
                Group(
                    issue: reported.id, theme: reported.theme, representative: words,
                    reportedBy: reported.origin, entries: [], entryCount: reported.entries,
                    answer: answers.issues[reported.id], dueDate: due(reported.id, createdAt: reported.firstSeen)))
        }
        groups.sort { ($1.entryCount, $0.issue ?? "") < ($0.entryCount, $1.issue ?? "") }
        return AnswerSheet(school: school, groups: groups)
    }
}
