import Foundation

/// Dates as Vietnamese staff count them: in Vietnam's time (UTC+7, no daylight saving), with the
/// school year starting on 1 September.
public enum LocalCalendar {
    package static let offset: TimeInterval = 7 * 3600

    /// "YYYY-MM" of a stored UTC timestamp ("2024-05-31T18:30:00.000Z" is June in Hà Nội).
    public static func month(ofTimestamp timestamp: String) -> String {
        guard let date = parse(timestamp) else { return String(timestamp.prefix(7)) }
        return String(day(of: date).prefix(7))
    }

    /// "YYYY-MM-DD" in Vietnam's time.
    public static func day(of date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970 + offset)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The first month ("YYYY-09") of the school year `date` falls in.
    public static func schoolYearStartMonth(of date: Date) -> String {
        let today = day(of: date)
        let year = Int(today.prefix(4)) ?? 1970
        let month = Int(today.dropFirst(5).prefix(2)) ?? 1
        return "\(month >= 9 ? year : year - 1)-09"
    }

    /// Midnight in Vietnam at the start of a "YYYY-MM-DD" day.
    public static func startOfDay(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: Int(offset))!
        return calendar.date(from: components)
    }

    /// Whole days from one "YYYY-MM-DD" day to another (negative when `end` is earlier); 0 for a
    /// malformed day.
    public static func days(from start: String, to end: String) -> Int {
        guard let a = startOfDay(start), let b = startOfDay(end) else { return 0 }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }

    /// The day `days` after a "YYYY-MM-DD" day (Vietnam has no daylight saving: a day is 86 400 s).
    public static func adding(days: Int, to day: String) -> String {
        guard let start = startOfDay(day) else { return day }
        // An hour past midnight: well inside the target day whatever the rounding.
        return Self.day(of: start.addingTimeInterval(Double(days) * 86_400 + 3_600))
    }

    static func parse(_ timestamp: String) -> Date? {
        Timestamps.parse(timestamp)
    }
}

/// Parses the stored "YYYY-MM-DDTHH:MM:SS.sssZ" without a formatter per call.
package enum Timestamps {
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
