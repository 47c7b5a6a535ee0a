import ArgumentParser
import Reports

/// `--from`, `--to`, `--period`: the days a summary or report covers. A named period comes from the
/// campaign calendar (`forms/targets.yaml`), `nam-hoc` being the school year.
struct PeriodOptions: ParsableArguments {
    @Option(help: "First day, YYYY-MM-DD (entries written from that day).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD.") var to: String?
    @Option(help: "A named period of the campaign calendar, e.g. hoc-ky-1, or nam-hoc for the school year.") var period: String?

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, ReportPeriod.day(value) == nil {
                throw ValidationError("\(flag) phải là ngày dạng năm-tháng-ngày, ví dụ 2026-05-15 — \(flag) must be a date YYYY-MM-DD")
            }
        }
        if let from, let to, from > to { throw ValidationError("--from phải trước --to — --from must come before --to") }
        if period != nil && (from != nil || to != nil) {
            throw ValidationError("Dùng --period hoặc --from/--to, không cả hai — give --period or --from/--to, not both")
        }
    }

    /// The period asked for, or nil for the whole campaign; an unknown name is an error.
    func resolve(_ calendar: CampaignCalendar) throws -> (period: ReportPeriod, label: String?)? {
        if let period {
            guard let named = calendar.period(id: period) else {
                let known = ([calendar.schoolYear.id] + calendar.periods.map(\.id)).joined(separator: ", ")
                printError("Không có kỳ «\(period)» trong lịch chiến dịch; các kỳ: \(known) — no period «\(period)»; known: \(known)")
                throw ExitCode(1)
            }
            return (ReportPeriod(from: named.from, to: named.to), named.label)
        }
        guard from != nil || to != nil else { return nil }
        return (ReportPeriod(from: from, to: to), nil)
    }
}
