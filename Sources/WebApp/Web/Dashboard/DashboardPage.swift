import Analysis
import Answers
import Forms
import Foundation
import Reports
import Storage
import Summary

/// What the staff dashboard shows, read only from one `Summary` (the same one
/// `tiengnoi aggregate --format json` prints), plus names from the forms and the school registry.
struct DashboardPage: Sendable {
    var pageTitle = "Bảng theo dõi ý kiến trẻ em"
    /// Who is signed in, shown beside «Đăng xuất».
    var staffName: String?
    /// The session's CSRF token, for the log-out form.
    var csrf: String?
    /// The staff navigation (what the signed-in role may open), as `StaffPage` builds it.
    var nav: [[String: String]] = []
    var generatedAt: String
    /// The units below whose latest summaries are counted here, e.g. "TH-AN-BINH, TH-CAU-TRE".
    var includedUnits: String?
    var totals: [Tile]
    var targets: [TargetRow]
    var hasPaceMarker: Bool
    var themeChart: BarChart
    var gradeChart: BarChart
    var genderSegments: [StackSegment]
    var hasGender: Bool
    var schools: [SchoolRow]
    var silentSchools: String?
    var silentCount: Int
    var issueThemes: [IssueTheme]
    var hasIssues: Bool
    /// Answers past their due date, grouped by the office that owes them.
    var overdueOffices: [OverdueOffice] = []
    var overdueCount = 0
    var assets: AssetPaths
    /// Set on one school's dashboard (`/schools/{code}/dashboard`): the heading names the school and
    /// the sections about the whole unit (targets, the schools table, overdue offices) stay out.
    var schoolName: String?
    /// The period picker: the calendar's named periods, and the chosen one.
    var periods: [PeriodQuery.Choice] = []
    var periodFrom = ""
    var periodTo = ""
    /// «Học kỳ I (16/01/2027 – 31/05/2027)» when the numbers cover a period only.
    var periodText: String?
    var periodErrors: [String: String] = [:]
    /// The calendar: the next deadlines and, per deadline, the units on time, late and missing.
    var upcoming: [[String: String]] = []
    var deadlines: [DeadlineRow] = []
    var hasDeadlines = false

    struct DeadlineRow: Sendable {
        var id: String
        var label: String
        var dueText: String
        var levelText: String
        var onTime: Int
        var late: Int
        var missing: Int
        var pending: Int
        var untracked: Int
        /// The units not on time, each with how late or how overdue.
        var behind: [[String: String]]
        var hasBehind: Bool
        var note: String?
    }

    /// Entries per month, oldest first: a school's progress through the year.
    var monthChart: BarChart
    var hasMonths: Bool

    struct OverdueOffice: Sendable {
        var office: String
        var count: Int
        var items: [OverdueItem]
    }

    struct OverdueItem: Sendable {
        var wording: String
        var dueDate: String
        var schools: String
    }

    struct Tile: Sendable {
        var key: String
        var label: String
        var value: Int
        var valueText: String
        var detail: String?
    }

    struct TargetRow: Sendable {
        var id: String
        var label: String
        var currentText: String
        var goalText: String
        var percentText: String
        var deadlineText: String
        /// 0…100, capped: the progress bar.
        var barWidth: String
        /// Where a steady pace from the campaign start would stand today, 0…100; nil when unknown.
        var expectedX: String?
        var paces: String?
        var projection: String?
        var verdict: String
        var verdictClass: String
        var note: String?
    }

    struct SchoolRow: Sendable {
        var code: String
        var name: String
        var ward: String
        var entries: Int
        var consultations: Int
        var entriesText: String
        var consultationsText: String
        /// Events held by the school, with the children present.
        var events: Int = 0
        var eventsText = "0"
        /// Photos kept as evidence of those events (counted whether or not the files came up).
        var photos: Int = 0
        var eventChildren: Int = 0
        var silent: Bool
        var idleThisYear: Bool
    }

    struct IssueTheme: Sendable {
        var code: String
        var name: String
        var issues: [IssueRow]
    }

    struct IssueRow: Sendable {
        var representative: String
        var entries: Int
        var participants: Int
        var schoolCount: Int
        var answerStatus: String
        /// The badge's colour: answered, overdue or waiting.
        var answerClass: String
        var dueText: String?
    }

    /// How many issues each theme lists; the JSON summary carries them all.
    static let issuesPerTheme = 5
    /// How many overdue items each office lists; `tiengnoi answers list --overdue` has them all.
    static let overduePerOffice = 10

    /// `answers`: the answer state of each issue, by issue id; `overdue`: the overdue work per office.
    init(
        summary: Summary, forms: FormVersions, schools registry: [School], campaignStart: String,
        answers: [String: AnswerItem] = [:], overdue: [(office: String, items: [AnswerItem])] = [],
        now: Date = Date(), assets: AssetPaths
    ) {
        let labels = ReportRenderer(summary: summary, forms: forms, schools: registry)
        let tallies = summary.tallies
        generatedAt = VietnameseFormat.time(summary.generatedAt)
        includedUnits = summary.includes.isEmpty ? nil : summary.includes.map(\.unit).sorted().joined(separator: ", ")
        self.assets = assets

        let t = summary.totals
        totals = [
            Tile(key: "entries", label: "Ý kiến đã nhận", value: t.entries, valueText: VietnameseFormat.number(t.entries)),
            Tile(
                key: "consultations", label: "Lượt trẻ em được lấy ý kiến", value: t.consultations,
                valueText: VietnameseFormat.number(t.consultations), detail: "một ý kiến nhóm tính mỗi bạn trong nhóm"),
            Tile(
                key: "activeSchools", label: "Trường đã có ý kiến", value: t.activeSchools,
                valueText: "\(t.activeSchools)/\(t.registeredSchools)"),
            Tile(
                key: "events", label: "Hoạt động, diễn đàn đã tổ chức", value: summary.events?.total.held ?? 0,
                valueText: VietnameseFormat.number(summary.events?.total.held ?? 0),
                detail: "\(VietnameseFormat.number(summary.events?.total.children ?? 0)) lượt trẻ em tham dự, "
                    + "\(VietnameseFormat.number(summary.events?.total.photos ?? 0)) ảnh minh chứng"),
            Tile(
                key: "safeguardingHeld", label: "Ý kiến chuyển cán bộ bảo vệ trẻ em", value: t.safeguardingHeld,
                valueText: VietnameseFormat.number(t.safeguardingHeld), detail: "chỉ đếm, không hiện nội dung"),
        ]

        targets = (summary.targets ?? []).map { Self.targetRow($0, campaignStart: campaignStart, now: now) }
        hasPaceMarker = targets.contains { $0.expectedX != nil }

        let catalogue = forms.latestForms.flatMap { $0.themes.map(\.code) }
        func themeRank(_ code: String) -> Int { catalogue.firstIndex(of: code) ?? Int.max }
        let themeTally = tallies["theme"] ?? [:]
        // Every theme of the form gets a bar, also at zero: an empty theme is news too.
        let themeCodes = Array(Set(catalogue).union(themeTally.keys)).sorted { (themeRank($0), $0) < (themeRank($1), $1) }
        themeChart = BarChart(
            themeCodes.map { code in
                (code, labels.label("theme", code), themeTally[code]?.entries ?? 0, themeTally[code]?.consultations ?? 0)
            })

        let grades = tallies["grade_band"] ?? [:]
        gradeChart = BarChart(
            ["1-5", "6-9", "10-12", "unknown"].compactMap { band in
                guard let count = grades[band] else { return nil }
                return (band, labels.label("grade_band", band), count.entries, count.consultations)
            })

        let genders = tallies["gender"] ?? [:]
        let genderOrder = ["nu", "nam", "khac", "unspecified"]
        let genderKeys = genderOrder.filter { genders[$0] != nil } + genders.keys.filter { !genderOrder.contains($0) }.sorted()
        let genderTotal = genderKeys.reduce(0) { $0 + (genders[$1]?.consultations ?? 0) }
        var x = 0.0
        genderSegments = genderKeys.enumerated().map { index, key in
            let value = genders[key]?.consultations ?? 0
            let width = genderTotal == 0 ? 0 : 100 * Double(value) / Double(genderTotal)
            defer { x += width }
            return StackSegment(
                key: key, label: labels.label("gender", key),
                x: SVGNumber.format(x), width: SVGNumber.format(width),
                colorClass: "tone\(min(index, 3))", consultations: value,
                valueText: VietnameseFormat.number(value),
                shareText: genderTotal == 0 ? "0 %" : VietnameseFormat.percent(Double(value) / Double(genderTotal)))
        }
        hasGender = genderTotal > 0

        let months = tallies["month"] ?? [:]
        monthChart = BarChart(
            months.keys.sorted().map { month in
                (month, VietnameseFormat.month(month), months[month]?.entries ?? 0, months[month]?.consultations ?? 0)
            })
        hasMonths = !months.isEmpty

        let bySchool = tallies["school"] ?? [:]
        let idle = Set(summary.inactiveSchools ?? [])
        var rows = registry.map { school in
            Self.schoolRow(code: school.code, name: school.name, ward: school.ward, count: bySchool[school.code], idle: idle)
        }
        let known = Set(registry.map(\.code))
        rows += bySchool.keys.filter { !known.contains($0) }.sorted().map { code in
            Self.schoolRow(code: code, name: code, ward: "", count: bySchool[code], idle: idle)
        }
        for index in rows.indices {
            let held = summary.events?.unit[rows[index].code]
            rows[index].events = held?.held ?? 0
            rows[index].eventsText = held.map { "\($0.held) (\(VietnameseFormat.number($0.children)) trẻ em)" } ?? "0"
            rows[index].photos = held?.photos ?? 0
            rows[index].eventChildren = held?.children ?? 0
        }
        schools = rows.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        let silent = schools.filter(\.silent)
        silentCount = silent.count
        silentSchools = silent.isEmpty ? nil : silent.map(\.name).joined(separator: ", ")

        let grouped = Dictionary(grouping: summary.issues, by: \.theme)
        issueThemes = grouped.keys.sorted { (themeRank($0), $0) < (themeRank($1), $1) }.map { code in
            IssueTheme(
                code: code, name: labels.label("theme", code),
                issues: (grouped[code] ?? [])
                    .prefix(Self.issuesPerTheme).map { issue in
                        let answer = answers[issue.id]
                        let status = answer?.status ?? .unanswered
                        let overdue = answer?.overdue ?? false
                        return IssueRow(
                            representative: issue.representative, entries: issue.entries,
                            participants: issue.participants, schoolCount: issue.schools.count,
                            answerStatus: overdue ? "Quá hạn trả lời" : status.labelVI,
                            answerClass: overdue ? "behind" : status.countsAsAnswered ? "on-track" : "untracked",
                            dueText: status.countsAsAnswered ? nil : answer.map { "hạn \(VietnameseFormat.date($0.dueDate))" })
                    })
        }
        hasIssues = !issueThemes.isEmpty
        overdueOffices = overdue.map { group in
            OverdueOffice(
                office: group.office.isEmpty ? "Chưa giao cho cơ quan nào" : group.office,
                count: group.items.count,
                items: group.items.prefix(Self.overduePerOffice).map { item in
                    OverdueItem(
                        wording: item.wording, dueDate: VietnameseFormat.date(item.dueDate),
                        schools: item.schools.joined(separator: ", "))
                })
        }
        overdueCount = overdue.reduce(0) { $0 + $1.items.count }
    }

    private static func schoolRow(
        code: String, name: String, ward: String, count: Summary.Count?,
        idle: Set<String>
    ) -> SchoolRow {
        let entries = count?.entries ?? 0
        let consultations = count?.consultations ?? 0
        return SchoolRow(
            code: code, name: name, ward: ward, entries: entries, consultations: consultations,
            entriesText: VietnameseFormat.number(entries),
            consultationsText: VietnameseFormat.number(consultations),
            silent: entries == 0, idleThisYear: entries > 0 && idle.contains(code))
    }

    private static func targetRow(_ target: Summary.TargetStatus, campaignStart: String, now: Date) -> TargetRow {
        let share = (target.metric.hasSuffix("_share") || target.metric == "opinions_per_unit")
        func value(_ number: Double) -> String {
            guard share else { return VietnameseFormat.decimal(number) }
            return number == number.rounded() ? "\(Int(number)) %" : VietnameseFormat.percent(number / 100)
        }
        var expected: String?
        if let start = LocalCalendar.startOfDay(campaignStart), let end = LocalCalendar.startOfDay(target.deadline),
            end > start, !share
        {
            let fraction = now.timeIntervalSince(start) / end.timeIntervalSince(start)
            expected = SVGNumber.format(100 * min(1, max(0, fraction)))
        }
        var paces: String?
        if !share, let needed = target.pacePerDayNeeded {
            paces =
                "Cần \(VietnameseFormat.decimal(needed)) lượt mỗi ngày; 30 ngày qua trung bình "
                + "\(VietnameseFormat.decimal(target.pacePerDayLast30 ?? 0)), 90 ngày qua "
                + "\(VietnameseFormat.decimal(target.pacePerDayLast90 ?? 0)) lượt mỗi ngày."
        }
        let (verdict, verdictClass) =
            switch target.onTrack {
            case true?: ("Đúng tiến độ", "on-track")
            case false?: ("Chậm tiến độ", "behind")
            case nil: ("Chưa theo dõi", "untracked")
            }
        return TargetRow(
            id: target.id, label: target.label,
            currentText: target.current.map(value) ?? "—",
            goalText: value(target.goal),
            percentText: target.percent.map { VietnameseFormat.percent($0 / 100) } ?? "—",
            deadlineText: VietnameseFormat.date(target.deadline),
            barWidth: SVGNumber.format(min(100, max(0, target.percent ?? 0))),
            expectedX: expected, paces: paces,
            projection: target.projectedDate.map { "Với nhịp 90 ngày qua, dự kiến đạt vào \(VietnameseFormat.date($0))." },
            verdict: verdict, verdictClass: verdictClass,
            note: target.note.map(VietnameseFormat.vietnamesePart))
    }
}

extension DashboardPage {
    /// The calendar section from the tracker's rows.
    mutating func setDeadlines(_ rows: [DeadlineTracker.Row], upcoming next: [CampaignCalendar.Deadline]) {
        upcoming = next.map { ["label": $0.label, "due": VietnameseFormat.date($0.due), "level": $0.level.labelVI] }
        deadlines = rows.map { row in
            let behind = row.units.filter { ["late", "missing"].contains($0.state.code) }
            let untracked = row.units.first { $0.state.code == "untracked" }
            return DeadlineRow(
                id: row.deadline.id, label: row.deadline.label, dueText: VietnameseFormat.date(row.deadline.due),
                levelText: row.deadline.level.labelVI,
                onTime: row.count("on-time"), late: row.count("late"), missing: row.count("missing"),
                pending: row.count("pending"), untracked: row.count("untracked"),
                behind: behind.map { ["unit": $0.unit, "name": $0.name, "state": $0.state.code, "label": $0.state.labelVI] },
                hasBehind: !behind.isEmpty,
                note: untracked.map { $0.state.labelVI })
        }
        hasDeadlines = !deadlines.isEmpty
    }
}
