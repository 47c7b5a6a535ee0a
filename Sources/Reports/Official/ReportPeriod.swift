import Analysis
import Forms
import Foundation

/// The days a report covers, inclusive, as Vietnam's calendar days (YYYY-MM-DD); either end open.
public struct ReportPeriod: Sendable, Equatable {
    public var from: String?
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }

    /// A calendar day as the reports take it, or nil.
    public static func day(_ text: String) -> String? {
        // CalendarDate refuses 2026-13-01 and 2026-02-30, which Foundation would roll over.
        guard CalendarDate(text) != nil else { return nil }
        return text
    }

    public func contains(day: String) -> Bool {
        let day = String(day.prefix(10))
        if let from, day < from { return false }
        if let to, day > to { return false }
        return true
    }

    /// «từ 01/09/2026 đến 31/12/2026», «đến 31/12/2026», «từ đầu chiến dịch».
    public var vietnamese: String {
        switch (from, to) {
        case let (from?, to?): "từ \(ReportRenderer.vietnameseDate(from)) đến \(ReportRenderer.vietnameseDate(to))"
        case let (from?, nil): "từ \(ReportRenderer.vietnameseDate(from)) đến nay"
        case let (nil, to?): "từ đầu chiến dịch đến \(ReportRenderer.vietnameseDate(to))"
        case (nil, nil): "từ đầu chiến dịch đến nay"
        }
    }
}
