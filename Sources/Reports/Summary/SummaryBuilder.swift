import Analysis
import Answers
import Events
import Forms
import Foundation
import GRDB
import Storage
import Summary

/// Builds this unit's summary from what analysis keeps (the tally cube, issues) plus the latest
/// summary of each unit below. Reads only small tables: no pass over every entry.
public struct SummaryBuilder: Sendable {
    public let database: AppDatabase
    public let forms: FormVersions
    public let targets: CampaignTargets
    public let unit: String
    /// Most issues carried in a summary, largest first.
    public var issueLimit = 5_000
    /// One school's summary only (what its coordinator may see); nil for the whole unit.
    public var school: String?
    /// Only the entries of these days (by the day each was written); nil for the whole campaign.
    public var period: ReportPeriod?
    /// The calendar's name of the period, carried in the summary.
    public var periodLabel: String?

    public init(database: AppDatabase, forms: FormVersions, targets: CampaignTargets, unit: String) {
        self.database = database
        self.forms = forms
        self.targets = targets
        self.unit = unit
    }

    /// A unit below's latest summary, as the receiving side stored it.
    public struct Received: Sendable {
        public var summary: Summary
        public var receivedAt: String
        public init(summary: Summary, receivedAt: String) {
            self.summary = summary
            self.receivedAt = receivedAt
        }
    }

    public func build(now: Date = Date(), below allBelow: [Received] = []) async throws -> Summary {
        // A period's numbers take in a unit below only when its latest summary is of the same period.
        let below = period.map { period in
            allBelow.filter { $0.summary.period?.from == period.from && $0.summary.period?.to == period.to }
        } ?? allBelow.filter { $0.summary.period == nil || ($0.summary.period?.from == nil && $0.summary.period?.to == nil) }
        let snapshot = try await database.read { [school, targets, period] db in
            try Snapshot.read(
                db, now: now, school: school, answers: targets.answers,
                startMonth: String(targets.start.prefix(7)), from: period?.from, to: period?.to)
        }
        var tallies: [String: [String: Summary.Count]] = [:]
        func add(_ dimension: String, _ key: String, _ count: Summary.Count) {
            tallies[dimension, default: [:]][key, default: Summary.Count()] += count
        }
        // The cube can hold a cell per entry or so: sum each dimension over its own few keys first
        // (ward from school, band from grade), then file them under their names.
        var totals = Summary.Count()
        var school: [String: Summary.Count] = [:], theme = school, kind = school, gender = school, month = school
        var grade: [Int: Summary.Count] = [:]
        for (cell, count) in snapshot.cells {
            totals += count
            school[cell.school, default: .init()] += count
            theme[cell.theme, default: .init()] += count
            kind[cell.kind, default: .init()] += count
            gender[cell.gender, default: .init()] += count
            grade[cell.grade, default: .init()] += count
            month[cell.month, default: .init()] += count
        }
        for (code, count) in school {
            add("school", code, count)
            add("ward", snapshot.schools[code]?.ward ?? "unknown", count)
        }
        for (key, count) in theme { add("theme", key, count) }
        for (key, count) in kind { add("kind", key.isEmpty ? "unspecified" : key, count) }
        for (key, count) in gender { add("gender", key.isEmpty ? "unspecified" : key, count) }
        for (key, count) in grade { add("grade_band", Self.gradeBand(key), count) }
        for (key, count) in month { add("month", key, count) }
        var activeSchools = Set(
            snapshot.cells.filter { $0.value.entries > 0 && snapshot.schools[$0.key.school]?.active != false }.map(\.key.school))
        // A deactivated school's entries still count; it is no longer one of the schools expected to send.
        var registered = Set(snapshot.schools.values.filter(\.active).map(\.code))
        var extraRegistered = 0
        var safeguarding = snapshot.safeguardingHeld
        var issues = snapshot.issues.map { $0.from(unit) }
        var includes: [Summary.IncludedUnit] = []
        var answers = snapshot.answers
        var events = snapshot.events
        // An event the unit held itself is recorded under "LOCAL"; upward it is this unit's.
        if let own = events.unit.removeValue(forKey: "LOCAL") { events.unit[unit, default: .init()] += own }
        if let own = events.evidence?.removeValue(forKey: "LOCAL") { events.evidence?[unit, default: []] += own }
        for received in below {
            if let below = received.summary.answers { answers = answers + below }
            if let below = received.summary.events { events = events + below }
            let summary = received.summary
            for (dimension, values) in summary.tallies {
                for (key, count) in values { add(dimension, key, count) }
            }
            totals = totals + Summary.Count(entries: summary.totals.entries, consultations: summary.totals.consultations)
            let reportedSchools = Set(summary.tallies["school"]?.keys.map { $0 } ?? [])
            activeSchools.formUnion(reportedSchools.filter { (summary.tallies["school"]?[$0]?.entries ?? 0) > 0 })
            registered.formUnion(reportedSchools)
            // Schools below with no entries are not named in their tallies; count them anyway.
            extraRegistered += max(0, summary.totals.registeredSchools - reportedSchools.count)
            safeguarding += summary.totals.safeguardingHeld
            issues += summary.issues
            includes.append(.init(unit: summary.unit, generatedAt: summary.generatedAt, receivedAt: received.receivedAt))
        }
        issues.sort { ($0.entries, $0.participants, $1.id) > ($1.entries, $1.participants, $0.id) }

        let yearStart = LocalCalendar.schoolYearStartMonth(of: now)
        var activeThisYear = Set(snapshot.cells.filter { $0.key.month >= yearStart && $0.value.entries > 0 }.map(\.key.school))
        for received in below where received.summary.inactiveSchools != nil {
            let inactive = Set(received.summary.inactiveSchools ?? [])
            activeThisYear.formUnion((received.summary.tallies["school"]?.keys.map { $0 } ?? []).filter { !inactive.contains($0) })
        }
        let inactive = registered.subtracting(activeThisYear).sorted()

        let progress = TargetProgress(targets: targets, now: now)
        let statuses = progress.statuses(
            cells: snapshot.cells, schools: snapshot.schools, recent: snapshot.recent, below: below.map(\.summary),
            registeredSchools: registered.count + extraRegistered, activeThisYear: activeThisYear.count,
            answers: answers, activeSchoolsThisYear: activeThisYear, eventChildren: events.total.children)

        return Summary(
            unit: unit, generatedAt: Timestamp.string(now),
            forms: forms.latestForms.map { .init(id: $0.id, versions: forms.versions(id: $0.id)) },
            totals: .init(
                entries: totals.entries, consultations: totals.consultations,
                activeSchools: activeSchools.count, registeredSchools: registered.count + extraRegistered,
                safeguardingHeld: safeguarding),
            tallies: tallies, issues: Array(issues.prefix(issueLimit)), includes: includes,
            targets: statuses, inactiveSchools: inactive, answers: answers,
            period: period.map { Summary.Period(from: $0.from, to: $0.to, label: periodLabel) }, events: events)
    }

    /// Primary grades 1–5, lower secondary 6–9, upper secondary 10–12.
    static func gradeBand(_ grade: Int) -> String {
        switch grade {
        case 1...5: "1-5"
        case 6...9: "6-9"
        case 10...12: "10-12"
        default: "unknown"
        }
    }
}

/// Everything the summary needs, read in one transaction so the numbers agree with each other.
struct Snapshot {
    var cells: [TallyCell: Summary.Count] = [:]
    var schools: [String: School] = [:]
    var issues: [Summary.IssueSummary] = []
    var safeguardingHeld = 0
    /// Events held here (by the day held), per unit and kind.
    var events = Summary.EventTally()
    /// Questions and recommendations asked here, and how many were answered.
    var answers = Summary.AnswerTally()
    /// Children consulted per Vietnamese day over the last 90 days, for paces; split by lower secondary.
    var recent: [String: (all: Int, lowerSecondary: Int)] = [:]

    static func read(
        _ db: Database, now: Date, school: String? = nil, answers: AnswerPolicy = AnswerPolicy(),
        startMonth: String = "0000-00", from: String? = nil, to: String? = nil
    ) throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.answers = try AnsweredShare.read(db, policy: answers, startMonth: startMonth, school: school, from: from, to: to)
        snapshot.events = try EventStore.tally(db, school: school, from: from, to: to)
        if from != nil || to != nil {
            try snapshot.readPeriod(db, school: school, from: from, to: to)
            try snapshot.readRegistry(db, school: school)
            try snapshot.readRecent(db, now: now, school: school)
            return snapshot
        }
        // Sized once: the cube can have as many cells as a large unit has entries.
        snapshot.cells.reserveCapacity(
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM tally_cells WHERE entries > 0 AND (?1 IS NULL OR school_code = ?1)
                    """, arguments: [school]) ?? 0)
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT school_code, kind, gender, grade, theme, month, entries, consultations FROM tally_cells
                WHERE entries > 0 AND (?1 IS NULL OR school_code = ?1)
                """, arguments: [school])
        {
            let cell = TallyCell(school: row[0], kind: row[1], gender: row[2], grade: row[3], theme: row[4], month: row[5])
            snapshot.cells[cell] = Summary.Count(entries: row[6], consultations: row[7])
        }
        try snapshot.readRegistry(db, school: school)
        var schoolsByIssue: [String: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT issue_id, school_code FROM issue_schools WHERE entries > 0 AND (?1 IS NULL OR school_code = ?1)
                ORDER BY issue_id, school_code
                """, arguments: [school])
        {
            schoolsByIssue[row[0], default: []].append(row[1])
        }
        // For one school, an issue's counts are that school's entries in it.
        snapshot.issues = try Row.fetchAll(
            db,
            sql: school == nil
                ? """
                SELECT id, theme, representative, entries, participants FROM issues
                WHERE merged_into IS NULL AND entries > 0
                """
                : """
                SELECT i.id, i.theme, i.representative, k.entries, k.entries FROM issues i
                JOIN issue_schools k ON k.issue_id = i.id AND k.school_code = ?
                WHERE i.merged_into IS NULL AND k.entries > 0
                """, arguments: school.map { [$0] } ?? []
        ).map { row in
            Summary.IssueSummary(
                id: row[0], theme: row[1],
                representative: PersonalDataScrubber.scrub(row[2]), entries: row[3],
                participants: row[4], schools: schoolsByIssue[row[0]] ?? [], origin: "")
        }
        // One school's summary speaks in that school's own children's words: an issue it shares
        // with other schools must not carry another school's wording.
        if let school {
            let own = try AnswerBoard.ownWording(db, school: school)
            for index in snapshot.issues.indices {
                snapshot.issues[index].representative = own[snapshot.issues[index].id].map(PersonalDataScrubber.scrub) ?? ""
            }
        }
        snapshot.safeguardingHeld =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM analyses a JOIN submissions s ON s.seq = a.seq
                    WHERE a.safeguarding AND (?1 IS NULL OR s.school_code = ?1)
                    """, arguments: [school]) ?? 0
        try snapshot.readRecent(db, now: now, school: school)
        return snapshot
    }

    mutating func readRegistry(_ db: Database, school: String?) throws {
        for registered in try School.fetchAll(db) where school == nil || registered.code == school {
            schools[registered.code] = registered
        }
    }

    /// Children consulted per day over the last 90 days, for the targets' paces.
    mutating func readRecent(_ db: Database, now: Date, school: String?) throws {
        let since = Timestamp.string(now.addingTimeInterval(-91 * 86_400))
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.received_at, s.participants, s.grade, coalesce(k.level, '') FROM submissions s
                JOIN analyses a ON a.seq = s.seq AND NOT a.safeguarding
                LEFT JOIN schools k ON k.code = s.school_code
                WHERE s.received_at >= ? AND (? IS NULL OR s.school_code = ?)
                """, arguments: [since, school, school])
        {
            guard let date = Timestamps.parse(row[0]) else { continue }
            let day = LocalCalendar.day(of: date)
            let participants: Int = row[1]
            let grade: Int? = row[2]
            let level: String = row[3]
            let lower = level == "lower_secondary" || (6...9).contains(grade ?? 0)
            var value = recent[day] ?? (0, 0)
            value.all += participants
            if lower { value.lowerSecondary += participants }
            recent[day] = value
        }
    }

    /// The cube, the issues and the held count of one period, read from the entries themselves:
    /// the cube keeps months, a period is days.
    mutating func readPeriod(_ db: Database, school: String?, from: String?, to: String?) throws {
        let filter = """
            (?1 IS NULL OR s.school_code = ?1) AND (?2 IS NULL OR \(EntryDay.sql) >= ?2) AND (?3 IS NULL OR \(EntryDay.sql) <= ?3)
            """
        let arguments: StatementArguments = [school, from, to]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.school_code, coalesce(s.kind, ''), coalesce(s.gender, ''), coalesce(s.grade, 0), a.theme,
                       \(EntryDay.monthSQL), count(*), sum(s.participants)
                FROM analyses a JOIN submissions s ON s.seq = a.seq
                WHERE NOT a.safeguarding AND \(filter)
                GROUP BY 1, 2, 3, 4, 5, 6
                """, arguments: arguments)
        {
            let cell = TallyCell(school: row[0], kind: row[1], gender: row[2], grade: row[3], theme: row[4], month: row[5])
            cells[cell, default: Summary.Count()] += Summary.Count(entries: row[6], consultations: row[7])
        }
        var schoolsByIssue: [String: [String]] = [:]
        var counts: [String: (entries: Int, participants: Int)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.issue_id, s.school_code, count(*), sum(s.participants)
                FROM analyses a JOIN submissions s ON s.seq = a.seq
                WHERE NOT a.safeguarding AND a.issue_id IS NOT NULL AND \(filter)
                GROUP BY 1, 2 ORDER BY 1, 2
                """, arguments: arguments)
        {
            let issue: String = row[0]
            schoolsByIssue[issue, default: []].append(row[1])
            var count = counts[issue] ?? (0, 0)
            count.entries += row[2] as Int
            count.participants += row[3] as Int
            counts[issue] = count
        }
        issues = try Row.fetchAll(db, sql: "SELECT id, theme, representative FROM issues WHERE merged_into IS NULL").compactMap { row in
            let id: String = row[0]
            guard let count = counts[id] else { return nil }
            return Summary.IssueSummary(
                id: id, theme: row[1], representative: PersonalDataScrubber.scrub(row[2]), entries: count.entries,
                participants: count.participants, schools: schoolsByIssue[id] ?? [], origin: "")
        }
        if let school {
            let own = try AnswerBoard.ownWording(db, school: school)
            for index in issues.indices {
                issues[index].representative = own[issues[index].id].map(PersonalDataScrubber.scrub) ?? ""
            }
        }
        safeguardingHeld = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM analyses a JOIN submissions s ON s.seq = a.seq WHERE a.safeguarding AND \(filter)",
            arguments: arguments) ?? 0
    }
}

extension Summary.IssueSummary {
    /// Issues formed here carry this unit as their origin.
    func from(_ unit: String) -> Summary.IssueSummary {
        var copy = self
        if copy.origin.isEmpty { copy.origin = unit }
        return copy
    }
}
