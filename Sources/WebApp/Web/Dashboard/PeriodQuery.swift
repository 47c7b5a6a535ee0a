import Hummingbird
import Reports

/// `?period=ID` or `?from=…&to=…` on the dashboard, the summary and the reports: the days the
/// numbers cover. Blank boxes mean no limit; anything else must be a date or a named period.
struct PeriodQuery {
    var period: ReportPeriod?
    var label: String?
    var chosenID = ""
    var from = ""
    var to = ""
    /// Field → the message to show beside it.
    var errors: [String: String] = [:]

    init(_ query: Hummingbird.Parameters, calendar: CampaignCalendar) {
        chosenID = query.get("period") ?? ""
        from = query.get("from") ?? ""
        to = query.get("to") ?? ""
        if !chosenID.isEmpty {
            guard let named = calendar.period(id: chosenID) else {
                errors["period"] = "Không có kỳ «\(chosenID)» trong lịch chiến dịch."
                return
            }
            period = ReportPeriod(from: named.from, to: named.to)
            label = named.label
            return
        }
        for (name, value) in [("from", from), ("to", to)] where !value.isEmpty && ReportPeriod.day(value) == nil {
            errors[name] = "Ngày phải có dạng năm-tháng-ngày, ví dụ 2027-05-15."
        }
        if errors.isEmpty, !from.isEmpty, !to.isEmpty, from > to { errors["to"] = "Ngày cuối phải từ ngày đầu trở đi." }
        guard errors.isEmpty, !from.isEmpty || !to.isEmpty else { return }
        period = ReportPeriod(from: from.isEmpty ? nil : from, to: to.isEmpty ? nil : to)
    }

    struct Choice: Sendable {
        var id: String
        var label: String
        var selected: Bool
    }

    /// The picker's choices: the school year and the named periods.
    func choices(_ calendar: CampaignCalendar) -> [Choice] {
        ([calendar.schoolYear] + calendar.periods).map { Choice(id: $0.id, label: $0.label, selected: $0.id == chosenID) }
    }

    var text: String? {
        guard let period else { return nil }
        return (label.map { "\($0): " } ?? "") + period.vietnamese
    }
}
