import Analysis
import Answers
import ArgumentParser
import Foundation
import Reports
import Summary

/// The safeguarding part of `tiengnoi classify --eval`: the detector against the lines' boolean
/// "safeguarding" field. Only counts are printed, never an entry.
enum SafeguardingEvaluationText {
    static func loadDetector() throws -> SafeguardingDetector {
        let started = ContinuousClock.now
        do {
            let detector = try SafeguardingDetector()
            let elapsed = String(format: "%.1f", (ContinuousClock.now - started).milliseconds)
            printError("Đã nạp bộ phát hiện bảo vệ trẻ em trong \(elapsed) ms — safeguarding detector loaded in \(elapsed) ms")
            return detector
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    /// Lines whose truth is nil have no "safeguarding" field and are not counted.
    static func score(_ detector: SafeguardingDetector, _ texts: [String], _ truths: [Bool?]) -> SafeguardingScore {
        var score = SafeguardingScore()
        let started = ContinuousClock.now
        for (text, truth) in zip(texts, truths) {
            guard let truth else { continue }
            score.add(truth: truth, flagged: detector.assess(text).flagged)
        }
        let perEntry = String(format: "%.1f", (ContinuousClock.now - started).milliseconds * 1000 / Double(max(score.count, 1)))
        printError(
            "Đã xét bảo vệ trẻ em cho \(score.count) mục, \(perEntry) µs mỗi mục"
                + " — safeguarding assessed for \(score.count) entries, \(perEntry) µs each")
        return score
    }

    /// A line of counts for people, then the line scripts parse.
    static func lines(_ score: SafeguardingScore) -> [String] {
        [
            "Bảo vệ trẻ em — safeguarding: n=\(score.count) có_thật=\(score.positives) gắn_cờ=\(score.flagged)"
                + " đúng=\(score.truePositives) báo_nhầm=\(score.falsePositives) bỏ_sót=\(score.falseNegatives)"
                + " (positives=\(score.positives) flagged=\(score.flagged) tp=\(score.truePositives)"
                + " fp=\(score.falsePositives) fn=\(score.falseNegatives))",
            score.evaluationLine,
        ]
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
