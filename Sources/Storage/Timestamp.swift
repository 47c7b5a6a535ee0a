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
        let year = Int(parts.tm_year) + 1900
        if milliseconds >= 0, year <= 9999 {
            return fixedWidth(
                year: year, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: Int(parts.tm_hour),
                minute: Int(parts.tm_min), second: Int(parts.tm_sec), millisecond: Int(milliseconds % 1000))
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(Int(milliseconds % 1000), 3) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` written into one string's own storage: every stored entry gets one,
    /// and building it from padded pieces cost a dozen small strings (issue 19).
    private static func fixedWidth(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    ) -> String {
        String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, _ width: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - width, by: -1) {
                    out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 4)
            out[4] = UInt8(ascii: "-")
            put(month, 2, at: 7)
            out[7] = UInt8(ascii: "-")
            put(day, 2, at: 10)
            out[10] = UInt8(ascii: "T")
            put(hour, 2, at: 13)
            out[13] = UInt8(ascii: ":")
            put(minute, 2, at: 16)
            out[16] = UInt8(ascii: ":")
            put(second, 2, at: 19)
            out[19] = UInt8(ascii: ".")
            put(millisecond, 3, at: 23)
            out[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
