import Analysis
import Answers
import Forms
import Foundation
import Storage
import Summary

/// Renders a summary as the JSON levels exchange, the Vietnamese report a district officer
/// prints (Markdown), or the tallies as CSV for a spreadsheet.
public struct ReportRenderer: Sendable {
    public let summary: Summary
    /// For names: themes and choice labels come from the form, schools from the registry.
    public let forms: FormVersions
    public let schools: [String: School]

    public init(summary: Summary, forms: FormVersions, schools: [School]) {
        self.summary = summary
        self.forms = forms
        self.schools = Dictionary(schools.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
    }

    public func csv() -> String {
        var lines = ["dimension,key,label,entries,consultations"]
        for dimension in Self.dimensionOrder {
            for (key, count) in sorted(summary.tallies[dimension] ?? [:], dimension: dimension) {
                lines.append(
                    CSVLine.join([
                        dimension, key, label(dimension, key), String(count.entries),
                        String(count.consultations),
                    ]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func markdown() -> String {
        var out: [String] = []
        let totals = summary.totals
        out.append("# Báo cáo tổng hợp ý kiến, kiến nghị của trẻ em — \(summary.unit)")
        out.append("")
        out.append(
            "Lập lúc \(Self.vietnameseTime(summary.generatedAt)) (giờ Việt Nam). "
                + "Số liệu không gồm tên trẻ em và các ý kiến đã chuyển cán bộ bảo vệ trẻ em.")
        out.append("")
        out.append("## Tổng quan")
        out.append("")
        out.append("- Số ý kiến: **\(Self.number(totals.entries))**")
        out.append("- Lượt trẻ em được lấy ý kiến: **\(Self.number(totals.consultations))**")
        out.append("- Trường có ý kiến: \(totals.activeSchools)/\(totals.registeredSchools)")
        if let girls = summary.tallies["gender"]?["nu"]?.consultations,
            let boys = summary.tallies["gender"]?["nam"]?.consultations, girls + boys > 0
        {
            out.append(
                "- Tỉ lệ nữ / nam: \(Self.percent(Double(girls) / Double(girls + boys))) / "
                    + Self.percent(Double(boys) / Double(girls + boys)))
        }
        out.append("- Ý kiến đã chuyển cán bộ bảo vệ trẻ em (chỉ đếm): \(totals.safeguardingHeld)")
        if !summary.includes.isEmpty {
            out.append(
                "- Gồm báo cáo của \(summary.includes.count) đơn vị cấp dưới: "
                    + summary.includes.map(\.unit).sorted().joined(separator: ", "))
        }
        if let targets = summary.targets, !targets.isEmpty {
            out.append("")
            out.append("## Tiến độ thực hiện mục tiêu")
            out.append("")
            out.append("| Mục tiêu | Hiện tại | Chỉ tiêu | Đạt | Cần mỗi ngày | TB/ngày 30 ngày qua | TB/ngày 90 ngày qua | Dự kiến đạt | Đánh giá |")
            out.append("|---|---:|---:|---:|---:|---:|---:|---|---|")
            for target in targets {
                let share = (target.metric.hasSuffix("_share") || target.metric == "opinions_per_unit")
                func value(_ number: Double?) -> String {
                    guard let number else { return "—" }
                    return share ? Self.percent(number / 100) : Self.decimal(number)
                }
                let verdict = target.onTrack.map { $0 ? "Đúng tiến độ" : "**Chậm tiến độ**" } ?? "Chưa theo dõi"
                out.append(
                    "| \(target.label) | \(value(target.current)) | \(share ? Self.percent(target.goal / 100) : Self.decimal(target.goal)) "
                        + "(hạn \(Self.vietnameseDate(target.deadline))) | \(target.percent.map { Self.percent($0 / 100) } ?? "—") "
                        + "| \(share ? "—" : value(target.pacePerDayNeeded)) | \(share ? "—" : value(target.pacePerDayLast30)) "
                        + "| \(share ? "—" : value(target.pacePerDayLast90)) "
                        + "| \(target.projectedDate.map(Self.vietnameseDate) ?? "—") | \(verdict) |")
            }
        }
        if let answers = summary.answers, answers.asked > 0 {
            out.append(contentsOf: answerSection(answers))
        }
        let sections: [(String, String)] = [
            ("theme", "Theo chủ đề"), ("kind", "Theo loại ý kiến"), ("gender", "Theo giới tính"),
            ("grade_band", "Theo khối lớp"), ("ward", "Theo phường, xã"), ("school", "Theo trường"), ("month", "Theo tháng"),
        ]
        for (dimension, title) in sections {
            guard let values = summary.tallies[dimension], !values.isEmpty else { continue }
            out.append("")
            out.append("## \(title)")
            out.append("")
            out.append("| \(Self.dimensionTitle[dimension] ?? dimension) | Số ý kiến | Lượt trẻ em |")
            out.append("|---|---:|---:|")
            for (key, count) in sorted(values, dimension: dimension) {
                out.append("| \(Self.cell(label(dimension, key))) | \(Self.number(count.entries)) | \(Self.number(count.consultations)) |")
            }
        }
        if let inactive = summary.inactiveSchools, !inactive.isEmpty {
            out.append("")
            out.append("## Trường chưa có ý kiến trong năm học này")
            out.append("")
            for code in inactive { out.append("- \(Self.cell(label("school", code)))") }
        }
        let issuesByTheme = Dictionary(grouping: summary.issues, by: \.theme)
        if !issuesByTheme.isEmpty {
            out.append("")
            out.append("## Các vấn đề trẻ em quan tâm nhiều nhất")
            for theme in themeOrder(Array(issuesByTheme.keys)) {
                out.append("")
                out.append("### \(label("theme", theme))")
                out.append("")
                out.append("| Vấn đề (ý kiến tiêu biểu) | Số ý kiến | Lượt trẻ em | Số trường |")
                out.append("|---|---:|---:|---:|")
                for issue in (issuesByTheme[theme] ?? []).prefix(5) {
                    out.append("| \(Self.cell(issue.representative)) | \(issue.entries) | \(issue.participants) | \(issue.schools.count) |")
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// How many questions and recommendations were answered, and how they stand.
    func answerSection(_ answers: Summary.AnswerTally) -> [String] {
        var out = ["", "## Trả lời câu hỏi, kiến nghị của trẻ em", ""]
        out.append(
            "- Câu hỏi, kiến nghị: **\(Self.number(answers.asked))**; đã được trả lời: "
                + "**\(Self.number(answers.answered))** (\(Self.percent(Double(answers.answered) / Double(answers.asked))))")
        for status in AnswerStatus.allCases {
            guard let count = answers.byStatus[status.rawValue], count > 0 else { continue }
            out.append("- \(status.labelVI): \(Self.number(count))")
        }
        for (dimension, title, values) in [("theme", "Chủ đề", answers.theme), ("school", "Trường", answers.school)]
        where !values.isEmpty {
            out.append("")
            out.append("| \(title) | Câu hỏi, kiến nghị | Đã trả lời | Tỉ lệ |")
            out.append("|---|---:|---:|---:|")
            let keys =
                dimension == "theme"
                ? themeOrder(Array(values.keys))
                : values.keys.sorted { (values[$0]!.asked, $1) > (values[$1]!.asked, $0) }
            for key in keys {
                let count = values[key]!
                let share = count.asked == 0 ? "—" : Self.percent(Double(count.answered) / Double(count.asked))
                out.append("| \(Self.cell(label(dimension, key))) | \(Self.number(count.asked)) | \(Self.number(count.answered)) | \(share) |")
            }
        }
        return out
    }

    // MARK: Labels and order

    static let dimensionOrder = ["theme", "kind", "gender", "grade_band", "ward", "school", "month"]
    static let dimensionTitle = [
        "theme": "Chủ đề", "kind": "Loại ý kiến", "gender": "Giới tính", "grade_band": "Khối lớp",
        "ward": "Phường, xã", "school": "Trường", "month": "Tháng",
    ]

    /// The Vietnamese name of one tally key, as the report and the dashboard show it.
    public func label(_ dimension: String, _ key: String) -> String {
        switch dimension {
        case "theme":
            for form in forms.latestForms { if let theme = form.theme(code: key) { return theme.name.vi } }
            return key
        case "kind", "gender":
            for form in forms.latestForms {
                if let field = form.field(role: dimension == "kind" ? .kind : .gender), let choice = field.choice(code: key) {
                    return choice.label.vi
                }
            }
            return key == "unspecified" ? "Không ghi" : key
        case "grade_band":
            return ["1-5": "Lớp 1–5", "6-9": "Lớp 6–9", "10-12": "Lớp 10–12"][key] ?? "Không ghi lớp"
        case "school":
            return schools[key].map { "\($0.name) (\(key))" } ?? key
        case "ward":
            return key == "unknown" ? "Không rõ" : key
        case "month":
            let parts = key.split(separator: "-")
            return parts.count == 2 ? "Tháng \(Int(parts[1]) ?? 0)/\(parts[0])" : key
        default:
            return key
        }
    }

    func sorted(_ values: [String: Summary.Count], dimension: String) -> [(String, Summary.Count)] {
        switch dimension {
        case "month", "grade_band":
            return values.sorted { $0.key < $1.key }
        case "theme":
            let order = themeOrder(Array(values.keys))
            return order.compactMap { key in values[key].map { (key, $0) } }
        default:
            return values.sorted { ($0.value.consultations, $1.key) > ($1.value.consultations, $0.key) }
        }
    }

    /// Themes in the form's catalogue order, unknown ones after.
    private func themeOrder(_ keys: [String]) -> [String] {
        let catalogue = forms.latestForms.flatMap { $0.themes.map(\.code) }
        return keys.sorted { (catalogue.firstIndex(of: $0) ?? .max, $0) < (catalogue.firstIndex(of: $1) ?? .max, $1) }
    }

    // MARK: Vietnamese number and date formats

    public static func number(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    public static func decimal(_ value: Double) -> String {
        if value.rounded() == value || value >= 100 { return number(Int(value.rounded())) }
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }

    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f", fraction * 100).replacingOccurrences(of: ".", with: ",") + " %"
    }

    public static func vietnameseDate(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3 else { return day }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    public static func vietnameseTime(_ timestamp: String) -> String {
        guard let date = Timestamps.parse(timestamp) else { return timestamp }
        let local = date.addingTimeInterval(LocalCalendar.offset)
        let day = vietnameseDate(LocalCalendar.day(of: date))
        var seconds = Int(local.timeIntervalSince1970) % 86_400
        if seconds < 0 { seconds += 86_400 }
        return String(format: "%02d:%02d ngày %@", seconds / 3600, (seconds % 3600) / 60, day)
    }

    /// Table cells: a child's "|" or line break must not break the table.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

enum CSVLine {
    static func join(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
