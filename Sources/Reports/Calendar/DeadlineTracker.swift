import Analysis
import Events
import Foundation
import GRDB
import Storage
import Summary

/// Where each unit below stands against each deadline of the campaign calendar: on time, late (by
/// how many days, and the day it finally came), missing, not due yet, or not tracked. Schools are
/// judged from their own entries and the photos attached to their events here (by the day each
/// was written or attached), and from the summaries they pushed; wards and districts from the
/// summaries they pushed.
public struct DeadlineTracker: Sendable {
    public enum State: Sendable, Hashable {
        case onTime(day: String)
        case late(day: String, days: Int)
        case missing(daysOverdue: Int)
        case pending
        case notTracked(reason: String)

        public var labelVI: String {
            switch self {
            case let .onTime(day): "Đúng hạn (\(ReportRenderer.vietnameseDate(day)))"
            case let .late(day, days): "Chậm \(days) ngày (đến \(ReportRenderer.vietnameseDate(day)))"
            case let .missing(days): "Chưa có (quá hạn \(days) ngày)"
            case .pending: "Chưa đến hạn"
            case let .notTracked(reason): "Chưa theo dõi: \(reason)"
            }
        }

        /// on-time, late, missing, pending or untracked: a CSS class and a test's handle.
        public var code: String {
            switch self {
            case .onTime: "on-time"
            case .late: "late"
            case .missing: "missing"
            case .pending: "pending"
            case .notTracked: "untracked"
            }
        }
    }

    public struct UnitState: Sendable, Hashable {
        public var unit: String
        public var name: String
        public var state: State
    }

    public struct Row: Sendable {
        public var deadline: CampaignCalendar.Deadline
        public var units: [UnitState]

        public func count(_ code: String) -> Int { units.filter { $0.state.code == code }.count }
    }

    public let database: AppDatabase
    public let calendar: CampaignCalendar

    public init(database: AppDatabase, calendar: CampaignCalendar) {
        self.database = database
        self.calendar = calendar
    }

    /// The day a unit reached `count` of something, from its counts per day.
    static func dayReached(_ count: Int, perDay: [(day: String, count: Int)]) -> String? {
        var total = 0
        for (day, value) in perDay.sorted(by: { $0.day < $1.day }) {
            total += value
            if total >= count { return day }
        }
        return nil
    }

    static func state(reached: String?, due: String, today: String) -> State {
        if let reached {
            return reached > due ? .late(day: reached, days: LocalCalendar.days(from: due, to: reached)) : .onTime(day: reached)
        }
        return today > due ? .missing(daysOverdue: LocalCalendar.days(from: due, to: today)) : .pending
    }

    public func rows(now: Date = Date()) async throws -> [Row] {
        let today = LocalCalendar.day(of: now)
        let deadlines = calendar.deadlines.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        guard !deadlines.isEmpty else { return [] }
        let earliest = deadlines.map(\.from).min() ?? "0000-00-00"
        // Entries per school per day (held ones too: a child spoke), and every summary pushed here.
        let (schools, perDay, senders, photosPerDay, heldPerDay) = try await database.read { db in
            let schools = try School.filter(Column("active") == true).order(Column("name")).fetchAll(db)
            var perDay: [String: [(day: String, count: Int)]] = [:]
            for row in try GRDB.Row.fetchAll(
                db,
                sql: "SELECT s.school_code, \(EntryDay.sql) AS day, count(*) FROM submissions s WHERE \(EntryDay.sql) >= ? GROUP BY 1, 2",
                arguments: [earliest])
            {
                perDay[row[0], default: []].append((row[1], row[2]))
            }
            let senders = try String.fetchAll(db, sql: "SELECT code FROM senders ORDER BY code")
            return (schools, perDay, senders, try EventStore.photosPerDay(db, since: earliest), try EventStore.heldPerDay(db, since: earliest))
        }
        // Each summary pushed here, with what it said when it came: entries, and photos of the
        // sender's own events (a school's) or of all it speaks for (a ward's or district's).
        var pushed: [String: [(day: String, entries: Int, photos: Int)]] = [:]
        for received in try database.receivedSummaries() {
            guard let date = Timestamps.parse(received.receivedAt) else { continue }
            let summary = try? JSONDecoder().decode(Summary.self, from: Data(received.payload.utf8))
            let photos = summary?.events.map { $0.unit[received.sender]?.photos ?? $0.total.photos ?? 0 } ?? 0
            pushed[received.sender, default: []].append((LocalCalendar.day(of: date), summary?.totals.entries ?? 0, photos))
        }
        let schoolCodes = Set(schools.map(\.code))
        let unitsAbove = senders.filter { !schoolCodes.contains($0) }
        return deadlines.map { deadline in
            var units: [UnitState] = []
            if deadline.level == .school {
                for school in schools {
                    let days = (perDay[school.code] ?? []).filter { $0.day >= deadline.from }
                    let state: State
                    switch deadline.what {
                    case .opinions:
                        state = Self.state(reached: Self.dayReached(deadline.count, perDay: days), due: deadline.due, today: today)
                    case .activity:
                        // An event recorded as held, or children consulted (a consultation is an activity too).
                        let held = (heldPerDay[school.code] ?? []).filter { $0.day >= deadline.from }.map(\.day).min()
                        state = Self.state(reached: [held, Self.dayReached(1, perDay: days)].compactMap { $0 }.min(), due: deadline.due, today: today)
                    case .report:
                        if let reports = pushed[school.code] {
                            state = Self.state(reached: reports.map(\.day).filter { $0 >= deadline.from }.min(), due: deadline.due, today: today)
                        } else {
                            state = .notTracked(reason: "trường gửi ý kiến thẳng vào đây, không đẩy bản tổng hợp")
                        }
                    case .photos:
                        // Photos attached here to the school's events, or the day a summary the
                        // school pushed first counted enough of them.
                        let local = Self.dayReached(deadline.count, perDay: (photosPerDay[school.code] ?? []).filter { $0.day >= deadline.from })
                        let viaPush = (pushed[school.code] ?? []).filter { $0.day >= deadline.from && $0.photos >= deadline.count }.map(\.day).min()
                        state = Self.state(reached: [local, viaPush].compactMap { $0 }.min(), due: deadline.due, today: today)
                    }
                    units.append(UnitState(unit: school.code, name: school.name, state: state))
                }
            } else {
                for sender in unitsAbove {
                    let reports = (pushed[sender] ?? []).filter { $0.day >= deadline.from }
                    let state: State
                    switch deadline.what {
                    case .report: state = Self.state(reached: reports.map(\.day).min(), due: deadline.due, today: today)
                    case .activity:
                        state = Self.state(reached: reports.filter { $0.entries > 0 }.map(\.day).min(), due: deadline.due, today: today)
                    case .opinions:
                        state = Self.state(reached: reports.filter { $0.entries >= deadline.count }.map(\.day).min(),
                                           due: deadline.due, today: today)
                    case .photos:
                        state = Self.state(reached: reports.filter { $0.photos >= deadline.count }.map(\.day).min(), due: deadline.due, today: today)
                    }
                    units.append(UnitState(unit: sender, name: sender, state: state))
                }
            }
            return Row(deadline: deadline, units: units)
        }
    }
}
