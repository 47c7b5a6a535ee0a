import Analysis
import Forms
import Foundation
import Yams

/// The campaign's year, from the `calendar:` block of `forms/targets.yaml`: the school year, named
/// periods (a term, the Month of Action), and the deadlines each level has — what is due by when
/// (an activity held, a report pushed, N photos, N opinions per unit). Hà Nội's plan, for example:
/// school forums by 15 May, school reports by 25 May, the district forum by 15 June.
public struct CampaignCalendar: Sendable, Hashable {
    public struct Period: Sendable, Hashable {
        public var id: String
        public var label: String
        public var from: String
        public var to: String
    }

    public enum Level: String, Sendable, Hashable, CaseIterable {
        case school, ward, district, province

        public var labelVI: String {
            switch self {
            case .school: "trường"
            case .ward: "phường, xã"
            case .district: "quận, huyện"
            case .province: "tỉnh, thành phố"
            }
        }
    }

    public enum Due: String, Sendable, Hashable, CaseIterable {
        /// An activity held: an event recorded as held, or a first entry (children consulted).
        case activity
        /// A summary pushed up to this instance.
        case report
        /// N photos as evidence attached to the unit's events.
        case photos
        /// At least N opinions from the unit.
        case opinions
    }

    public struct Deadline: Sendable, Hashable {
        public var id: String
        public var label: String
        /// Whose deadline it is: the units of that level below this instance.
        public var level: Level
        public var due: String
        public var what: Due
        /// N for opinions and photos; 1 otherwise.
        public var count: Int
        /// What counts towards it starts on this day (default: the school year's start).
        public var from: String
    }

    public var schoolYear: Period
    public var periods: [Period]
    public var deadlines: [Deadline]

    public init(schoolYear: Period, periods: [Period] = [], deadlines: [Deadline] = []) {
        self.schoolYear = schoolYear
        self.periods = periods
        self.deadlines = deadlines
    }

    /// The school year holding `date`: 1 September to 31 August.
    public static func schoolYear(containing date: Date = Date()) -> Period {
        let start = LocalCalendar.schoolYearStartMonth(of: date) + "-01"
        let year = Int(start.prefix(4)) ?? 1970
        return Period(id: "nam-hoc", label: "Năm học \(year)–\(year + 1)", from: start, to: "\(year + 1)-08-31")
    }

    /// A period by id: a named one, `nam-hoc` for the school year.
    public func period(id: String) -> Period? {
        id == schoolYear.id ? schoolYear : periods.first { $0.id == id }
    }

    /// Deadlines from `today` on, soonest first.
    public func upcoming(from today: String, limit: Int = 5) -> [Deadline] {
        Array(deadlines.filter { $0.due >= today }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.prefix(limit))
    }

    typealias Problem = (Node?, String, String) -> FormProblems

    static func parse(_ node: Node?, now: Date, _ problem: Problem) throws -> CampaignCalendar {
        var calendar = CampaignCalendar(schoolYear: schoolYear(containing: now))
        guard let node else { return calendar }
        guard let map = node.mapping else {
            throw problem(node, "`calendar` phải là một khối khoá: giá trị", "`calendar` must be a mapping")
        }
        func day(_ node: Node?, _ name: String, in owner: Node) throws -> String {
            guard let text = node?.string, CalendarDate(text) != nil else {
                throw problem(node ?? owner, "`\(name)` phải là ngày dạng YYYY-MM-DD", "`\(name)` must be a date YYYY-MM-DD")
            }
            return text
        }
        func label(_ node: Node?, _ id: String) -> String {
            node?.mapping?["vi"]?.string ?? node?.string ?? id
        }
        if let year = map["school_year"] {
            guard let item = year.mapping else {
                throw problem(year, "`school_year` cần `start` và `end`", "`school_year` needs `start` and `end`")
            }
            let from = try day(item["start"], "school_year.start", in: year), to = try day(item["end"], "school_year.end", in: year)
            guard from < to else { throw problem(item["end"], "`school_year.end` phải sau `start`", "`school_year.end` must come after `start`") }
            calendar.schoolYear = Period(id: "nam-hoc", label: "Năm học \(from.prefix(4))–\(to.prefix(4))", from: from, to: to)
        }
        var ids: Set<String> = [calendar.schoolYear.id]
        func identifier(_ item: Node.Mapping?, _ node: Node, _ what: String) throws -> String {
            guard let id = item?["id"]?.string, !id.isEmpty,
                  id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else {
                throw problem(item?["id"] ?? node, "Mỗi \(what) cần `id` gồm chữ không dấu, số, gạch ngang",
                              "each \(what) needs an `id` of ASCII letters, digits and dashes")
            }
            guard ids.insert(id).inserted else { throw problem(item?["id"], "`id` «\(id)» bị trùng", "`id` «\(id)» is used twice") }
            return id
        }
        for node in map["periods"]?.sequence ?? [] {
            let item = node.mapping
            let id = try identifier(item, node, "kỳ")
            let from = try day(item?["from"], "from", in: node), to = try day(item?["to"], "to", in: node)
            guard from <= to else { throw problem(item?["to"], "`to` phải từ `from` trở đi", "`to` must not come before `from`") }
            calendar.periods.append(Period(id: id, label: label(item?["label"], id), from: from, to: to))
        }
        for node in map["deadlines"]?.sequence ?? [] {
            let item = node.mapping
            let id = try identifier(item, node, "hạn")
            guard let levelName = item?["level"]?.string, let level = Level(rawValue: levelName) else {
                let known = Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(item?["level"] ?? node, "`level` không hợp lệ; dùng: \(known)", "unknown `level`; use: \(known)")
            }
            guard let whatName = item?["what"]?.string, let what = Due(rawValue: whatName) else {
                let known = Due.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(item?["what"] ?? node, "`what` không hợp lệ; dùng: \(known)", "unknown `what`; use: \(known)")
            }
            let due = try day(item?["due"], "due", in: node)
            var count = 1
            if let countNode = item?["count"] {
                guard let value = countNode.int, (1...1_000_000).contains(value) else {
                    throw problem(countNode, "`count` phải là số nguyên dương", "`count` must be a positive whole number")
                }
                count = value
            } else if what == .opinions || what == .photos {
                throw problem(node, "Hạn `\(what.rawValue)` cần `count`", "a `\(what.rawValue)` deadline needs `count`")
            }
            let from = try item?["from"].map { try day($0, "from", in: node) } ?? calendar.schoolYear.from
            guard from <= due else { throw problem(item?["from"], "`from` phải trước `due`", "`from` must come before `due`") }
            calendar.deadlines.append(Deadline(
                id: id, label: label(item?["label"], id), level: level, due: due, what: what, count: count, from: from))
        }
        return calendar
    }
}
