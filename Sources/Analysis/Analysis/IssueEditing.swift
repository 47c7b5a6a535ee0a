import Forms
import Foundation
import GRDB
import Storage
import Summary

/// What staff do by hand when the automatic grouping got it wrong: merge two issues that ask the
/// same thing, split entries out of an issue, and correct an entry's theme. Issue ids stay stable:
/// a merge keeps the target's id, a split keeps the original's.
public struct IssueEditing: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public struct EditError: BilingualError {
        public var vi: String
        public var en: String
    }

    /// Moves every entry of `sources` into `target`; the sources are kept as pointers to it. The
    /// target's centre is rebuilt from all its members, so new entries worded like any of them join it.
    /// A source of another theme brings its entries under the target's theme, each as a staff
    /// correction: a person read both issues and decided the children ask the same thing, which
    /// is also a theme decision (the classifier learns from it, the tallies move with it).
    public func merge(into target: String, from sources: [String], now: Date = Date()) async throws {
        let weighting = try await AnalysisPass.sharedWeighting()
        let stamp = Timestamp.string(now)
        try await database.write { db in
            let targetTheme = try Self.theme(of: target, db)
            for source in sources where source != target {
                if try Self.theme(of: source, db) != targetTheme {
                    for seq in try Int64.fetchAll(db, sql: "SELECT seq FROM analyses WHERE issue_id = ?", arguments: [source]) {
                        try Self.retheme(seq, to: targetTheme, at: stamp, db)
                    }
                }
                try db.execute(sql: "UPDATE analyses SET issue_id = ? WHERE issue_id = ?", arguments: [target, source])
                try db.execute(
                    sql: "UPDATE issues SET merged_into = ?, updated_at = ? WHERE id = ?",
                    arguments: [target, stamp, source])
                try db.execute(sql: "UPDATE issues SET merged_into = ? WHERE merged_into = ?", arguments: [target, source])
                try Self.recount(source, db)
            }
            try Self.recount(target, db)
            try Self.rebuildCentre(target, theme: targetTheme, weighting: weighting, db)
        }
    }

    /// Moves the given entries of `issue` into a new issue of the same theme; returns its id.
    public func split(_ issue: String, entries: [String], now: Date = Date()) async throws -> String {
        let weighting = try await AnalysisPass.sharedWeighting()
        return try await database.write { db in
            let theme = try Self.theme(of: issue, db)
            let members = try Set(
                String.fetchAll(
                    db,
                    sql: """
                        SELECT s.id FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE a.issue_id = ?
                        """, arguments: [issue]))
            let moving = Array(Set(entries))
            guard !moving.isEmpty, moving.allSatisfy(members.contains) else {
                throw EditError(
                    vi: "Chỉ tách được các ý kiến đang thuộc vấn đề \(issue)",
                    en: "only entries that belong to issue \(issue) can be split out")
            }
            guard moving.count < members.count else {
                throw EditError(
                    vi: "Phải giữ lại ít nhất một ý kiến trong vấn đề cũ",
                    en: "at least one entry must stay in the original issue")
            }
            let newID = UUID().uuidString.lowercased()
            let formID = try String.fetchOne(db, sql: "SELECT form_id FROM issues WHERE id = ?", arguments: [issue]) ?? ""
            let stamp = Timestamp.string(now)
            try db.execute(
                sql: """
                    INSERT INTO issues (id, form_id, theme, representative, representative_score, centroid, anchor,
                                        entries, participants, created_at, updated_at, split_from)
                    VALUES (?, ?, ?, '', 0, '{}', '{}', 0, 0, ?, ?, ?)
                    """, arguments: [newID, formID, theme, stamp, stamp, issue])
            for entry in moving {
                try db.execute(
                    sql: "UPDATE analyses SET issue_id = ? WHERE seq = (SELECT seq FROM submissions WHERE id = ?)",
                    arguments: [newID, entry])
            }
            try Self.rebuildCentre(newID, theme: theme, weighting: weighting, db)
            try Self.rebuildCentre(issue, theme: theme, weighting: weighting, db)
            try Self.recount(newID, db)
            try Self.recount(issue, db)
            return newID
        }
    }

    /// Records a staff correction of an entry's theme: the entry is counted under the new theme,
    /// moved to an issue of that theme, and the classifier learns from it on its next load.
    public func correctTheme(submission: String, to theme: String, now: Date = Date()) async throws {
        let weighting = try await AnalysisPass.sharedWeighting()
        try await database.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.seq, a.issue_id, s.voice, s.form_id
                        FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE s.id = ?
                        """, arguments: [submission])
            else {
                throw EditError(
                    vi: "Không có ý kiến \(submission) đã được phân tích (chạy `tiengnoi aggregate` trước)",
                    en: "no analysed entry \(submission) (run `tiengnoi aggregate` first)")
            }
            let seq: Int64 = row[0]
            let oldIssue: String? = row[1]
            let voice: String = row[2]
            let stamp = Timestamp.string(now)
            guard try Self.retheme(seq, to: theme, at: stamp, db) else { return }
            // A new issue of the right theme, alone until the next merge; cheaper and clearer than
            // re-placing it among thousands of issues inside a staff command.
            let newIssue = UUID().uuidString.lowercased()
            let json = weighting.vector(VietnameseText(voice)).json
            try db.execute(
                sql: """
                    INSERT INTO issues (id, form_id, theme, representative, representative_score, centroid, anchor,
                                        entries, participants, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 1, ?, ?, 0, 0, ?, ?)
                    """, arguments: [newIssue, row[3] as String, theme, voice, json, json, stamp, stamp])
            try db.execute(sql: "UPDATE analyses SET issue_id = ? WHERE seq = ?", arguments: [newIssue, seq])
            try Self.recount(newIssue, db)
            if let oldIssue { try Self.recount(oldIssue, db) }
        }
    }

    /// Counts an analysed entry under `theme` from now on, as a person decided: the correction is
    /// kept (the classifier learns from it), and the entry's count moves from its old theme's tally
    /// cell to the new one's (a held entry is in no tally). Which issue it sits in is the caller's.
    /// Returns false when the entry already had that theme (only marked as a person's decision).
    @discardableResult
    private static func retheme(_ seq: Int64, to theme: String, at stamp: String, _ db: Database) throws -> Bool {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT a.theme, a.safeguarding, s.id, s.voice, s.school_code, s.kind, s.gender, s.grade,
                           s.received_at, s.participants, s.form_id, s.form_version, s.written_on
                    FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE a.seq = ?
                    """, arguments: [seq])
        else { return false }
        let oldTheme: String = row[0]
        let safeguarding: Bool = row[1]
        try db.execute(
            sql: """
                INSERT INTO theme_corrections (seq, theme, corrected_at) VALUES (?, ?, ?)
                ON CONFLICT (seq) DO UPDATE SET theme = excluded.theme, corrected_at = excluded.corrected_at
                """, arguments: [seq, theme, stamp])
        try db.execute(
            sql: "UPDATE analyses SET theme = ?, theme_source = 'staff', needs_review = 0 WHERE seq = ?",
            arguments: [theme, seq])
        guard oldTheme != theme else { return false }
        if !safeguarding {
            let entry = AnalysisStore.PendingEntry(
                seq: seq, id: row[2], formID: row[10], formVersion: row[11], voice: row[3], chosenTheme: nil,
                participants: row[9], school: row[4], kind: row[5] ?? "", gender: row[6] ?? "", grade: row[7] ?? 0,
                receivedAt: row[8], writtenOn: row[12])
            try TallyCell.add(
                Summary.Count(entries: -1, consultations: -entry.participants),
                to: TallyCell(entry: entry, theme: oldTheme), db)
            try TallyCell.add(
                Summary.Count(entries: 1, consultations: entry.participants),
                to: TallyCell(entry: entry, theme: theme), db)
        }
        return true
    }

    private static func theme(of issue: String, _ db: Database) throws -> String {
        guard
            let theme = try String.fetchOne(
                db, sql: "SELECT theme FROM issues WHERE id = ? AND merged_into IS NULL",
                arguments: [issue])
        else {
            throw EditError(vi: "Không có vấn đề \(issue) (hoặc đã được gộp)", en: "no issue \(issue) (or it was merged)")
        }
        return theme
    }

    /// Entries, participants and schools of an issue, from its members.
    static func recount(_ issue: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE issues SET
                  entries = (SELECT count(*) FROM analyses a WHERE a.issue_id = issues.id AND NOT a.safeguarding),
                  participants = (SELECT coalesce(sum(s.participants), 0) FROM analyses a
                                  JOIN submissions s ON s.seq = a.seq WHERE a.issue_id = issues.id AND NOT a.safeguarding)
                WHERE id = ?
                """, arguments: [issue])
        try db.execute(sql: "DELETE FROM issue_schools WHERE issue_id = ?", arguments: [issue])
        try db.execute(
            sql: """
                INSERT INTO issue_schools (issue_id, school_code, entries)
                SELECT a.issue_id, s.school_code, count(*) FROM analyses a JOIN submissions s ON s.seq = a.seq
                WHERE a.issue_id = ? AND NOT a.safeguarding GROUP BY s.school_code
                """, arguments: [issue])
    }

    /// Recomputes an issue's centre and representative from its members (staff-sized issues only).
    /// The anchor becomes the centre itself, not the representative: people chose these members,
    /// so there is no drift to guard against, and a new entry worded like any of them — not only
    /// like the representative — must find the issue. This is how merges and splits teach grouping.
    static func rebuildCentre(_ issue: String, theme: String, weighting: TermWeighting, _ db: Database) throws {
        let texts = try String.fetchAll(
            db,
            sql: """
                SELECT s.voice FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE a.issue_id = ?
                """, arguments: [issue])
        let vectors = texts.map { weighting.vector(VietnameseText($0)) }
        let centre = IssueIndex.centre(of: vectors)
        guard let best = vectors.indices.max(by: { vectors[$0].cosine(centre) < vectors[$1].cosine(centre) }) else { return }
        try db.execute(
            sql: """
                UPDATE issues SET centroid = ?, anchor = ?, representative = ?, representative_score = ? WHERE id = ?
                """, arguments: [centre.json, centre.json, texts[best], vectors[best].cosine(centre), issue])
    }
}
