import Analysis
import Forms
import Foundation
import GRDB
import Storage
import Summary

/// One thing staff have to answer: an issue (formed here or reported from below) or an entry
/// answered on its own, with where its answer stands.
public struct AnswerItem: Sendable, Hashable {
    public var target: AnswerTarget
    public var theme: String
    /// The issue's representative wording, or the entry's own text.
    public var wording: String
    public var entries: Int
    /// Questions and recommendations among the entries; nil for an issue reported from below,
    /// whose summary does not say (it is then treated as one to answer).
    public var asks: Int?
    public var schools: [String]
    /// The unit below that formed the issue; nil when it was formed here.
    public var origin: String?
    /// The day the due date counts from (Vietnam's day).
    public var createdDay: String
    public var dueDate: String
    public var published: AnswerVersion?
    public var draft: AnswerVersion?
    public var overdue: Bool

    /// Who answers it: the draft's office if one is being written, else the published answer's.
    public var office: String? { draft?.office ?? published?.office }
    public var status: AnswerStatus { published?.status ?? .unanswered }
    public var needsAnswer: Bool { (asks ?? 1) > 0 }
}

/// The staff's work list: every issue and individually answered entry, with due dates and the
/// overdue ones grouped by the office that owes the answer.
public struct AnswerBoard: Sendable {
    public let database: AppDatabase
    public let policy: AnswerPolicy

    public init(database: AppDatabase, policy: AnswerPolicy) {
        self.database = database
        self.policy = policy
    }

    public struct Filter: Sendable {
        public var overdueOnly = false
        public var school: String?
        /// Compared without regard to case or surrounding spaces.
        public var office: String?
        public var status: AnswerStatus?
        public var limit = 200
        /// Set for a school coordinator: an issue shared with other schools shows this school's own
        /// children's words, never another school's (their counts still show).
        public var wordingOf: String?
        public init(
            overdueOnly: Bool = false, school: String? = nil, office: String? = nil,
            status: AnswerStatus? = nil, limit: Int = 200, wordingOf: String? = nil
        ) {
            self.overdueOnly = overdueOnly
            self.school = school
            self.office = office
            self.status = status
            self.limit = limit
            self.wordingOf = wordingOf
        }
    }

    /// Items matching the filter: overdue first, then by due date, then the largest.
    public func items(_ filter: Filter = Filter(), now: Date = Date()) async throws -> [AnswerItem] {
        let today = LocalCalendar.day(of: now)
        try await AnswerRoutes.refreshIfNeeded(database)
        let wordingOf = filter.wordingOf.map(School.canonicalCode)
        let all = try await database.read { [policy] db in
            try Self.read(db, policy: policy, today: today, wordingOf: wordingOf)
        }
        let office = filter.office.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let school = filter.school.map(School.canonicalCode)
        let matching = all.filter { item in
            (!filter.overdueOnly || item.overdue)
                && (school == nil || item.schools.contains(school!))
                && (office == nil || item.office?.lowercased() == office)
                && (filter.status == nil || item.status == filter.status)
        }
        return Array(matching.sorted(by: Self.order).prefix(max(0, filter.limit)))
    }

    /// One issue's or entry's line, read alone: its page needs that line, not the whole board, which
    /// counts the kind of every analysed entry (about a second at 300,000 entries). Nil when the
    /// board has no such line: an unknown issue, a merged or emptied one, an entry never answered.
    public func item(_ target: AnswerTarget, now: Date = Date()) async throws -> AnswerItem? {
        let today = LocalCalendar.day(of: now)
        try await AnswerRoutes.refreshIfNeeded(database)
        return try await database.read { [policy] db in
            try Self.read(db, policy: policy, today: today, only: target).first
        }
    }

    /// Overdue items per office, the office with most first; items without an office under "".
    public func overdueByOffice(
        school: String? = nil, wordingOf: String? = nil, now: Date = Date()
    ) async throws
        -> [(office: String, items: [AnswerItem])]
    {
        Self.byOffice(try await items(Filter(overdueOnly: true, school: school, limit: .max, wordingOf: wordingOf), now: now))
    }

    /// Items grouped by office as `overdueByOffice` orders them, for a caller that already has them.
    public static func byOffice(_ items: [AnswerItem]) -> [(office: String, items: [AnswerItem])] {
        let groups = Dictionary(grouping: items, by: { $0.office ?? "" })
        return groups.map { (office: $0.key, items: $0.value) }
            .sorted { ($0.items.count, $1.office) > ($1.items.count, $0.office) }
    }

    static func order(_ a: AnswerItem, _ b: AnswerItem) -> Bool {
        (a.overdue ? 0 : 1, a.dueDate, -a.entries, a.target.id) < (b.overdue ? 0 : 1, b.dueDate, -b.entries, b.target.id)
    }

    /// The first words of `school`'s own children in each issue (held entries and removed text
    /// skipped): what a coordinator is shown for an issue other schools share.
    package static func ownWording(_ db: Database, school: String) throws -> [String: String] {
        var wording: [String: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.issue_id, s.voice FROM analyses a JOIN submissions s ON s.seq = a.seq
                WHERE s.school_code = ? AND NOT a.safeguarding AND NOT s.safeguarding AND a.issue_id IS NOT NULL
                  AND s.voice != '' ORDER BY s.seq
                """, arguments: [school])
        {
            let issue: String = row[0]
            if wording[issue] == nil { wording[issue] = row[1] }
        }
        return wording
    }

    /// The board's items; `only` reads that one target's line and nothing of the others.
    static func read(
        _ db: Database, policy: AnswerPolicy, today: String, wordingOf: String? = nil, only: AnswerTarget? = nil
    ) throws -> [AnswerItem] {
        let onlyIssue: String? = if case let .issue(id)? = only { id } else { nil }
        let onlyEntry: String? = if case let .entry(id)? = only { id } else { nil }
        let own = try wordingOf.map { try ownWording(db, school: $0) }
        /// An issue's words as this reader may see them: a coordinator, their own school's only.
        func wording(issue: String, representative: String, schools: [String]) -> String {
            guard let own, let school = wordingOf else { return representative }
            if let words = own[issue] { return words }
            // Reported from below with this school alone: the words are its own.
            return schools == [school] ? representative : ""
        }
        let answers = try AnswerIndex.read(db)
        let kinds = policy.kinds
        let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
        // Questions and recommendations per issue: the one pass over entries this list makes. The
        // whole board reads the entries in the order they are stored, then looks up each one's
        // analysis (CROSS JOIN keeps SQLite to that order): 0.13 s at 300,000 entries, against
        // 0.73 s hopping through the issue index. One issue's line goes through the index.
        let entriesByKind = onlyIssue == nil
            ? "submissions s CROSS JOIN analyses a ON a.seq = s.seq WHERE a.issue_id IS NOT NULL"
            : "analyses a JOIN submissions s ON s.seq = a.seq WHERE a.issue_id = ?"
        var asks: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.issue_id, count(*) FROM \(entriesByKind)
                  AND NOT a.safeguarding AND s.kind IN (\(placeholders))
                GROUP BY a.issue_id
                """, arguments: StatementArguments(onlyIssue.map { [$0] } ?? []) + StatementArguments(kinds))
        {
            asks[row[0]] = row[1]
        }
        func item(
            _ target: AnswerTarget, theme: String, wording: String, entries: Int, asks: Int?, schools: [String],
            origin: String?, createdAt: String, published: AnswerVersion?, draft: AnswerVersion?
        ) -> AnswerItem {
            let createdDay = Timestamps.parse(createdAt).map(LocalCalendar.day(of:)) ?? String(createdAt.prefix(10))
            let due = draft?.dueDate ?? published?.dueDate ?? policy.defaultDueDate(createdDay: createdDay)
            let answered = published?.status.countsAsAnswered ?? false
            return AnswerItem(
                target: target, theme: theme, wording: wording, entries: entries, asks: asks, schools: schools,
                origin: origin, createdDay: createdDay, dueDate: due, published: published, draft: draft,
                overdue: !answered && (asks ?? 1) > 0 && AnswerPolicy.isOverdue(dueDate: due, today: today))
        }

        var items: [AnswerItem] = []
        var local: Set<String> = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT i.id, i.theme, i.representative, i.entries, i.created_at,
                       (SELECT group_concat(k.school_code, ',') FROM issue_schools k WHERE k.issue_id = i.id AND k.entries > 0)
                FROM issues i WHERE i.merged_into IS NULL AND i.entries > 0 AND (?1 IS NULL OR i.id = ?1)
                  AND ?2 IS NULL
                """, arguments: [onlyIssue, onlyEntry])
        {
            let id: String = row[0]
            local.insert(id)
            let schools = (row[5] as String?)?.split(separator: ",").map(String.init).sorted() ?? []
            items.append(
                item(
                    .issue(id), theme: row[1], wording: wording(issue: id, representative: row[2], schools: schools),
                    entries: row[3], asks: asks[id] ?? 0,
                    schools: schools, origin: nil, createdAt: row[4], published: answers.issues[id],
                    draft: answers.issueDrafts[id]))
        }
        for reported in try ReportedIssue.all(db)
        where !local.contains(reported.id) && onlyEntry == nil && (onlyIssue == nil || reported.id == onlyIssue) {
            items.append(
                item(
                    .issue(reported.id), theme: reported.theme,
                    wording: wording(
                        issue: reported.id, representative: reported.representative,
                        schools: reported.schools),
                    entries: reported.entries, asks: nil, schools: reported.schools, origin: reported.origin,
                    createdAt: reported.firstSeen, published: answers.issues[reported.id],
                    draft: answers.issueDrafts[reported.id]))
        }
        let answeredEntries = Set(answers.entries.keys).union(answers.entryDrafts.keys)
        if !answeredEntries.isEmpty, onlyIssue == nil, onlyEntry.map(answeredEntries.contains) ?? true {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.voice, s.school_code, s.kind, s.received_at, coalesce(a.theme, s.chosen_theme, 'other'),
                           a.issue_id
                    FROM submissions s LEFT JOIN analyses a ON a.seq = s.seq
                    WHERE s.id IN (SELECT target_id FROM answers WHERE target_kind = 'entry') AND (?1 IS NULL OR s.id = ?1)
                      -- A held entry's words reach only the safeguarding queue, never this list.
                      AND NOT s.safeguarding
                    """, arguments: [onlyEntry])
            {
                let id: String = row[0]
                let kind: String? = row[3]
                // What the child was last told: a newer answer to the whole issue replaces the entry's own.
                items.append(
                    item(
                        .entry(id), theme: row[5], wording: row[1], entries: 1,
                        asks: kinds.contains(kind ?? "") ? 1 : 0, schools: [row[2]], origin: nil,
                        createdAt: row[4], published: answers.effective(entry: id, issue: row[6]),
                        draft: answers.entryDrafts[id]))
            }
        }
        return items
    }
}
