import Analysis
import Answers
import Foundation
import Reports
import Summary

/// The evaluation as a person reads it in a terminal. The last line is the one scripts parse.
enum ClassificationReportText {
    static func lines(_ evaluation: ThemeEvaluation) -> [String] {
        let report = evaluation.overall
        var lines: [String] = []
        let width = max(report.themes.map(\.count).max() ?? 0, 10)
        func pad(_ text: String, _ count: Int) -> String { text.padding(toLength: count, withPad: " ", startingAt: 0) }
        func right(_ text: String, _ count: Int) -> String { String(repeating: " ", count: max(0, count - text.count)) + text }

        lines.append(
            "Chủ đề — theme".padding(toLength: width + 4, withPad: " ", startingAt: 0)
                + right("precision", 10) + right("recall", 8) + right("f1", 8) + right("n", 6))
        for (index, score) in report.perTheme.enumerated() {
            lines.append(
                right("\(index + 1)", 2) + "  " + pad(score.theme, width) + right(decimal(score.precision), 10)
                    + right(decimal(score.recall), 8) + right(decimal(score.f1), 8) + right("\(score.support)", 6))
        }
        lines.append("")
        lines.append("Ma trận nhầm lẫn — confusion matrix (hàng: chủ đề đúng, cột: dự đoán — rows: true theme, columns: predicted)")
        lines.append(pad("", width + 4) + report.themes.indices.map { right("\($0 + 1)", 6) }.joined())
        for (index, row) in report.confusion.enumerated() {
            lines.append(right("\(index + 1)", 2) + "  " + pad(report.themes[index], width) + row.map { right("\($0)", 6) }.joined())
        }
        lines.append("")
        let plain = evaluation.withoutDiacritics
        lines.append("Không dấu — without diacritics: n=\(plain.count) macro_f1=\(decimal(plain.macroF1)) accuracy=\(decimal(plain.accuracy))")
        lines.append("macro_f1=\(decimal(report.macroF1)) accuracy=\(decimal(report.accuracy))")
        return lines
    }

    static func decimal(_ value: Double) -> String { String(format: "%.4f", value) }
}
