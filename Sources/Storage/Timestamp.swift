import Foundation

/// Times are stored as UTC ISO 8601 text with milliseconds: sortable, and SQLite's date functions read them.
/// The day an entry belongs to, in SQL over `submissions s`: the day the child wrote it when a paper
/// form says so, else the Vietnamese day it was received. Periods and deadlines count by it.
public enum EntryDay {
    public static let sql = "coalesce(s.written_on, date(s.received_at, '+7 hours'))"
    public static let monthSQL = "coalesce(substr(s.written_on, 1, 7), strftime('%Y-%m', s.received_at, '+7 hours'))"
}

public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds / 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(Int(milliseconds % 1000), 3) + "Z"
    }

    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
