import Forms
import Foundation
import GRDB
import Storage
import Summary

/// Reads and writes what analysis keeps in the database: issues, analyses, tally cells.
enum AnalysisStore {
    struct PendingEntry: Sendable {
        var seq: Int64
        var id: String
        var formID: String
        var formVersion: Int
        var voice: String
        var chosenTheme: String?
        var participants: Int
        var school: String
        var kind: String
        var gender: String
        var grade: Int
        var receivedAt: String
        /// The day a paper form was written, when given: its month is the entry's month.
        var writtenOn: String?
        /// Flagged at ingest: counted apart, never in tallies or issues.
        var safeguarding = false
    }

    struct Analysed: Sendable {
        var entry: PendingEntry
        var theme: String
        var source: String
        var predictedTheme: String
        var confidence: Double
        var needsReview: Bool
        var issueID: String?
        var safeguarding: Bool
    }

    /// Entries not yet analysed, oldest first. Rows only ever get larger seqs when they are
    /// committed by the single writer, so everything after the last analysed seq is new.
    static func pending(_ db: Database, after seq: Int64, limit: Int) throws -> [PendingEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.seq, s.id, s.form_id, s.form_version, s.voice, s.chosen_theme, s.participants,
                       s.school_code, s.kind, s.gender, s.grade, s.received_at, s.safeguarding, s.written_on
                FROM submissions s
                WHERE s.seq > ? ORDER BY s.seq LIMIT ?
                """, arguments: [seq, limit]
        ).map { row in
            PendingEntry(
                seq: row[0], id: row[1], formID: row[2], formVersion: row[3], voice: row[4],
                chosenTheme: row[5], participants: row[6], school: row[7], kind: row[8] ?? "",
                gender: row[9] ?? "", grade: row[10] ?? 0, receivedAt: row[11], writtenOn: row[13], safeguarding: row[12])
        }
    }

    /// Where the last pass stopped: every submission up to this seq is analysed.
    static func watermark(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM analysis_progress WHERE id = 1") ?? 0
    }

    static func setWatermark(_ seq: Int64, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO analysis_progress (id, last_seq) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
                """, arguments: [seq])
    }

    /// Whether stored issue centres are written in older terms than this build's.
    static func termsAreOutdated(_ db: Database) throws -> Bool {
        let stored = try Int.fetchOne(db, sql: "SELECT terms_version FROM analysis_progress WHERE id = 1")
        return (stored ?? 1) < IssueTerms.version
    }

    /// Re-centres every open issue from its members when they were written in older terms
    /// (`IssueTerms.version`), once; returns how many were re-centred.
    static func recentreIfTermsChanged(_ db: Database, weighting: TermWeighting) throws -> Int {
        guard try termsAreOutdated(db) else { return 0 }
        let open = try Row.fetchAll(db, sql: "SELECT id, theme FROM issues WHERE merged_into IS NULL")
        for row in open { try IssueEditing.rebuildCentre(row[0], theme: row[1], weighting: weighting, db) }
        try db.execute(
            sql: """
                INSERT INTO analysis_progress (id, last_seq, terms_version) VALUES (1, 0, ?)
                ON CONFLICT (id) DO UPDATE SET terms_version = excluded.terms_version
                """, arguments: [IssueTerms.version])
        return open.count
    }

    static func issues(_ db: Database, formID: String) throws -> [IssueIndex.Issue] {
        try Row.fetchAll(
            db, sql: "SELECT \(issueColumns) FROM issues WHERE form_id = ? AND merged_into IS NULL", arguments: [formID]
        ).map(issue)
    }

    /// An open issue and the other open issues of its form, of any theme, that a merge suggestion may
    /// name: not the issue it was split from, nor those split from it — a person kept them apart.
    static func issueAndNeighbours(_ db: Database, id: String) throws -> (IssueIndex.Issue, [IssueIndex.Issue])? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(issueColumns), form_id, split_from FROM issues WHERE id = ? AND merged_into IS NULL",
                arguments: [id])
        else { return nil }
        let found = issue(row)
        let neighbours = try Row.fetchAll(
            db,
            sql: """
                SELECT \(issueColumns) FROM issues
                WHERE form_id = ? AND merged_into IS NULL AND id != ?
                  AND id IS NOT ? AND split_from IS NOT ?
                """,
            arguments: [row["form_id"] as String, id, row["split_from"] as String?, id]
        ).map(issue)
        return (found, neighbours)
    }

    private static let issueColumns = "id, theme, centroid, representative, representative_score, entries, participants, anchor"

    private static func issue(_ row: Row) -> IssueIndex.Issue {
        IssueIndex.Issue(
            id: row[0], theme: row[1], centroid: SparseVector(json: row[2]), representative: row[3],
            representativeScore: row[4], anchor: SparseVector(json: row[7]), entries: row[5],
            participants: row[6])
    }

    static func corrections(_ db: Database, formID: String) throws -> [(text: String, theme: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.voice, c.theme FROM theme_corrections c JOIN submissions s ON s.seq = c.seq
                WHERE s.form_id = ?
                """, arguments: [formID]
        ).map { ($0[0], $0[1]) }
    }

    /// What one chunk adds to the counts: tally cells, issues' entries and participants, issues'
    /// schools. Worked out from the chunk before its write, so that the database's one writer only
    /// writes: the writes were the pass's bottleneck (BENCHMARKS.md, "The analysis pass's writes").
    /// A disclosure is counted apart, never here; neither is an entry without an issue.
    struct Counts: Sendable {
        var cells: [TallyCell: Summary.Count] = [:]
        var issueSchools: [IssueSchool: Int] = [:]
        var issues: [String: Summary.Count] = [:]

        init(_ analysed: some Sequence<Analysed>) {
            for item in analysed where !item.safeguarding {
                guard let issueID = item.issueID else { continue }
                let count = Summary.Count(entries: 1, consultations: item.entry.participants)
                cells[TallyCell(entry: item.entry, theme: item.theme), default: Summary.Count()] += count
                issueSchools[IssueSchool(issue: issueID, school: item.entry.school), default: 0] += 1
                issues[issueID, default: Summary.Count()] += count
            }
        }
    }

    /// One form's part of a chunk, ready to write: its analyses, its counts (made here, from the
    /// analyses, before the write) and the issues its placement changed.
    struct FormResults: Sendable {
        var formID: String
        var analysed: [Analysed]
        var counts: Counts
        var issues: [IssueIndex.Issue]

        init(formID: String, analysed: [Analysed], issues: [IssueIndex.Issue]) {
            (self.formID, self.analysed, self.issues) = (formID, analysed, issues)
            counts = Counts(analysed)
        }
    }

    /// Writes one form's part of a chunk: analyses, changed issues, issue schools, tally cells.
    static func save(_ db: Database, _ results: FormResults, now: String) throws {
        let (formID, analysed, issues) = (results.formID, results.analysed, results.issues)
        let issueStatement = try db.cachedStatement(
            sql: """
                INSERT INTO issues (id, form_id, theme, representative, representative_score, centroid, entries,
                                    participants, created_at, updated_at, anchor)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET representative = excluded.representative,
                  representative_score = excluded.representative_score, centroid = excluded.centroid,
                  anchor = excluded.anchor, updated_at = excluded.updated_at
                """)
        // Counts are not written from this pass's memory: they grow below by the entries this
        // transaction really inserted, so each entry counts once. A pass whose entries another pass
        // already wrote is refused before it gets here (the watermark check in `AnalysisPass.run`);
        // this stays as the last line of defence.
        for issue in issues {
            try issueStatement.execute(arguments: [
                issue.id, formID, issue.theme, issue.representative, issue.representativeScore, issue.centroid.json,
                now, now, issue.anchor.json,
            ])
        }
        let analysisStatement = try db.cachedStatement(
            sql: """
                INSERT INTO analyses (seq, theme, theme_source, predicted_theme, confidence, needs_review,
                                      issue_id, safeguarding, analyzed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING
                """)
        var inserted: [Bool] = []
        inserted.reserveCapacity(analysed.count)
        for item in analysed {
            try analysisStatement.execute(arguments: [
                item.entry.seq, item.theme, item.source, item.predictedTheme, item.confidence, item.needsReview,
                item.issueID, item.safeguarding, now,
            ])
            // Another process may have analysed it first; count each entry once.
            inserted.append(db.changesCount == 1)
        }
        let counts = inserted.allSatisfy { $0 } ? results.counts : Counts(zip(analysed, inserted).filter(\.1).map(\.0))
        let countStatement = try db.cachedStatement(
            sql: """
                UPDATE issues SET entries = entries + ?, participants = participants + ? WHERE id = ?
                """)
        for (issue, count) in counts.issues {
            try countStatement.execute(arguments: [count.entries, count.consultations, issue])
        }
        for (cell, count) in counts.cells { try TallyCell.add(count, to: cell, db) }
        let schoolStatement = try db.cachedStatement(
            sql: """
                INSERT INTO issue_schools (issue_id, school_code, entries) VALUES (?, ?, ?)
                ON CONFLICT (issue_id, school_code) DO UPDATE SET entries = entries + excluded.entries
                """)
        for (key, entries) in counts.issueSchools {
            try schoolStatement.execute(arguments: [key.issue, key.school, entries])
        }
    }

    struct IssueSchool: Hashable, Sendable {
        var issue: String
        var school: String
    }
}

/// One cell of the tally cube: school × kind × gender × grade × theme × month.
package struct TallyCell: Hashable, Sendable {
    package var school: String
    package var kind: String
    package var gender: String
    package var grade: Int
    package var theme: String
    package var month: String

    package init(school: String, kind: String, gender: String, grade: Int, theme: String, month: String) {
        (self.school, self.kind, self.gender, self.grade, self.theme, self.month) = (school, kind, gender, grade, theme, month)
    }

    init(entry: AnalysisStore.PendingEntry, theme: String) {
        self.init(
            school: entry.school, kind: entry.kind, gender: entry.gender, grade: entry.grade, theme: theme,
            month: entry.writtenOn.map { String($0.prefix(7)) } ?? LocalCalendar.month(ofTimestamp: entry.receivedAt))
    }

    static func add(_ count: Summary.Count, to cell: TallyCell, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO tally_cells (school_code, kind, gender, grade, theme, month, entries, consultations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (school_code, kind, gender, grade, theme, month) DO UPDATE SET
                  entries = entries + excluded.entries, consultations = consultations + excluded.consultations
                """
        ).execute(arguments: [
            cell.school, cell.kind, cell.gender, cell.grade, cell.theme, cell.month,
            count.entries, count.consultations,
        ])
    }
}
