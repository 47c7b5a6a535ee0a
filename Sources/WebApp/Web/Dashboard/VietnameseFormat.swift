import Analysis
import Answers
import Reports
import Summary

/// Numbers and dates as the printed report writes them (1.234; 12,5 %; 31/08/2027), so the
/// dashboard and the Markdown report read alike.
enum VietnameseFormat {
    static func number(_ value: Int) -> String { ReportRenderer.number(value) }
    static func decimal(_ value: Double) -> String { ReportRenderer.decimal(value) }
    static func percent(_ fraction: Double) -> String { ReportRenderer.percent(fraction) }
    static func date(_ day: String) -> String { ReportRenderer.vietnameseDate(day) }
    static func time(_ timestamp: String) -> String { ReportRenderer.vietnameseTime(timestamp) }
    /// "2026-11" → "tháng 11/2026"; anything else as it is.
    static func month(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]) else { return month }
        return "tháng \(number)/\(parts[0])"
    }

    /// Notes from the aggregator read "Vietnamese — English"; staff read the Vietnamese.
    static func vietnamesePart(_ note: String) -> String {
        note.components(separatedBy: " — ").first ?? note
    }
}
