import Analysis
import Answers
import ArgumentParser
import Forms
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

    /// A line's group for the per-group figures: its harm `category` for a disclosure, its
    /// `negative` type for a hard negative (the evaluation corpus's fields); nil otherwise.
    static func group(of object: [String: JSONValue]) -> String? {
        object["category"]?.stringValue ?? object["negative"]?.stringValue.map { negativePrefix + $0 }
    }

    /// Marks a hard negative's group, so it is never counted as a kind of harm.
    private static let negativePrefix = "not harm: "

    private static func isHarm(_ group: String) -> Bool { !group.hasPrefix(negativePrefix) }

    struct Scored {
        var score = SafeguardingScore()
        /// Per group: how many lines, how many flagged, and of those how many the detector gave
        /// that group as its category (harm categories only).
        var groups: [String: (count: Int, flagged: Int, named: Int)] = [:]
        /// Per harm category of the held lines: the categories the detector named, by count.
        var namedAs: [String: [String: Int]] = [:]
    }

    /// Lines whose truth is nil have no "safeguarding" field and are not counted. `groups` (one per
    /// line, or empty) adds recall per harm category and false alarms per kind of hard negative.
    static func score(_ detector: SafeguardingDetector, _ texts: [String], _ truths: [Bool?], groups: [String?]) -> Scored {
        var scored = Scored()
        let started = ContinuousClock.now
        for (index, (text, truth)) in zip(texts, truths).enumerated() {
            guard let truth else { continue }
            let assessment = detector.assess(text)
            let flagged = assessment.flagged
            scored.score.add(truth: truth, flagged: flagged)
            if index < groups.count, let group = groups[index] {
                var value = scored.groups[group] ?? (0, 0, 0)
                value.count += 1
                if flagged { value.flagged += 1 }
                if flagged, assessment.category?.rawValue == group { value.named += 1 }
                if flagged, isHarm(group) {
                    scored.namedAs[group, default: [:]][assessment.category?.rawValue ?? "none", default: 0] += 1
                }
                scored.groups[group] = value
            }
        }
        let perEntry = String(format: "%.1f", (ContinuousClock.now - started).milliseconds * 1000 / Double(max(scored.score.count, 1)))
        printError(
            "Đã xét bảo vệ trẻ em cho \(scored.score.count) mục, \(perEntry) µs mỗi mục"
                + " — safeguarding assessed for \(scored.score.count) entries, \(perEntry) µs each")
        return scored
    }

    /// A line of counts for people, recall per harm category and false alarms per kind of
    /// negative when the lines say them, then the line scripts parse.
    static func lines(_ scored: Scored) -> [String] {
        let score = scored.score
        var lines = [
            "Bảo vệ trẻ em — safeguarding: n=\(score.count) có_thật=\(score.positives) gắn_cờ=\(score.flagged)"
                + " đúng=\(score.truePositives) báo_nhầm=\(score.falsePositives) bỏ_sót=\(score.falseNegatives)"
                + " (positives=\(score.positives) flagged=\(score.flagged) tp=\(score.truePositives)"
                + " fp=\(score.falsePositives) fn=\(score.falseNegatives))",
        ]
        // Harm categories first, then the kinds of hard negative.
        for (group, value) in scored.groups.sorted(by: { (isHarm($0.key) ? 0 : 1, $0.key) < (isHarm($1.key) ? 0 : 1, $1.key) }) {
            let share = String(format: "%.3f", Double(value.flagged) / Double(max(value.count, 1)))
            lines.append(!isHarm(group)
                         ? "  \(group): báo nhầm \(value.flagged)/\(value.count) — false alarms \(share)"
                         : "  \(group): tìm thấy \(value.flagged)/\(value.count) — recall \(share)"
                            + " · đúng loại \(value.named)/\(value.flagged) — category named \(value.named)/\(value.flagged)")
            if let named = scored.namedAs[group], named.count > 1 {
                let others = named.filter { $0.key != group }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                lines.append("    named instead: " + others.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
        let harms = scored.groups.filter { isHarm($0.key) }.values
        if !harms.isEmpty {
            let held = harms.reduce(0) { $0 + $1.flagged }, named = harms.reduce(0) { $0 + $1.named }
            lines.append("Loại đúng — category named right for \(named) of \(held) held disclosures")
        }
        lines.append(score.evaluationLine)
        return lines
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
