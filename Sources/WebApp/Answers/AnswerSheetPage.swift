import Analysis
import Answers
import Forms
import Foundation
import Reports
import Storage
import Summary

/// A school's answer sheet as HTML: in Vietnamese, for a coordinator to read out at assembly or
/// print and pin on the school board, since children have no accounts. Every value goes through
/// `{{ }}`, which escapes: a child's `<script>` is shown as text.
public struct AnswerSheetPage: Sendable {
    public let sheet: AnswerSheet
    public let school: School?
    public let forms: FormVersions

    public init(sheet: AnswerSheet, school: School?, forms: FormVersions) {
        self.sheet = sheet
        self.school = school
        self.forms = forms
    }

    /// The sheet as a standalone HTML file (`tiengnoi answers sheet --out`), through the same
    /// template library as every page the server answers.
    public func render(now: Date = Date()) throws -> String {
        try HTMLPages.bundled().html("answer-sheet", context(now: now))
    }

    func context(now: Date) -> [String: Any] {
        let groups = sheet.groups.sorted { themeRank($0.theme) < themeRank($1.theme) }
        var answered = 0
        var rows: [[String: Any]] = []
        var lastTheme: String?
        for group in groups {
            var row: [String: Any] = [
                "entries": group.entries.map(entry),
                "count": group.entryCount,
            ]
            if group.theme != lastTheme {
                row["themeHeading"] = themeLabel(group.theme)
                lastTheme = group.theme
            }
            if let representative = group.representative { row["representative"] = representative }
            if let reportedBy = group.reportedBy { row["reportedBy"] = reportedBy }
            if group.entryCount > group.entries.count, !group.entries.isEmpty {
                row["more"] = group.entryCount - group.entries.count
            }
            if let answer = group.answer, answer.status.countsAsAnswered {
                row["answer"] = Self.answer(answer)
                answered += 1
            } else {
                row["pending"] = ["dueDate": Self.date(group.dueDate)]
            }
            rows.append(row)
        }
        var context: [String: Any] = [
            "schoolName": school?.name ?? sheet.school,
            "schoolCode": sheet.school,
            "updated": Self.date(LocalCalendar.day(of: now)),
            "groups": rows,
            "issueCount": groups.count,
            "answeredCount": answered,
        ]
        if groups.isEmpty { context["empty"] = true }
        return context
    }

    private func entry(_ entry: AnswerSheet.Entry) -> [String: Any] {
        var row: [String: Any] = ["text": entry.text, "kind": kindLabel(entry.kind)]
        if let own = entry.ownAnswer, own.status.countsAsAnswered { row["ownAnswer"] = Self.answer(own) }
        return row
    }

    static func answer(_ version: AnswerVersion) -> [String: Any] {
        var row: [String: Any] = [
            "office": version.office, "status": version.status.labelVI, "statusCode": version.status.rawValue,
            "text": version.text,
        ]
        if let published = version.publishedAt, let date = Timestamp.date(published) ?? IntakeDate.parse(published) {
            row["date"] = Self.date(LocalCalendar.day(of: date))
        }
        if let reason = version.reason { row["reason"] = reason }
        if let solution = version.solution { row["solution"] = solution }
        return row
    }

    /// "dd/mm/yyyy", as dates are written in Vietnam.
    static func date(_ day: String) -> String {
        let parts = day.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : day
    }

    private func themeLabel(_ code: String) -> String {
        for form in forms.latestForms { if let theme = form.theme(code: code) { return theme.name.vi } }
        return code == "other" ? "Vấn đề khác" : code
    }

    private func themeRank(_ code: String) -> Int {
        let catalogue = forms.latestForms.flatMap { $0.themes.map(\.code) }
        return catalogue.firstIndex(of: code) ?? catalogue.count
    }

    private func kindLabel(_ code: String) -> String {
        switch code {
        case "question": return "Câu hỏi"
        case "recommendation": return "Kiến nghị, đề xuất"
        default:
            for form in forms.latestForms {
                if let choice = form.field(role: .kind)?.choice(code: code) { return choice.label.vi }
            }
            return code
        }
    }
}

/// Published times from a level above may come without milliseconds.
enum IntakeDate {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
