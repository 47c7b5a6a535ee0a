import Forms
import Foundation

extension Summary {
    public static let dimensions: Set<String> = ["school", "ward", "theme", "kind", "gender", "grade_band", "month"]

    /// The largest count (and target value) a summary may carry: a trillion, far more than there are
    /// children to consult, yet small enough that the summaries of millions of units add up without
    /// overflowing `Int`. Without an upper bound a count near `Int.max` was accepted and trapped later,
    /// when rolled up (`SummaryBuilder.build` adds counts with `+`), and so did a target's `current`
    /// beyond `Int`'s range (`TargetProgress.statuses` converts it with `Int(_:)`).
    /// Found by fuzzing: Tests/Fuzz/summary/regressions.
    public static let maximumCount = 1_000_000_000_000

    /// Decodes a summary received from another instance and checks what decoding cannot:
    /// the schema version, counts that cannot be negative or above `maximumCount`, known tally dimensions.
    public static func decodeValidated(_ data: Data) -> Result<Summary, SummaryProblems> {
        let summary: Summary
        do {
            summary = try JSONDecoder().decode(Summary.self, from: data)
        } catch {
            return .failure(SummaryProblems(["the body is not a tiengnoi.summary/1 document: \(Self.describe(error))"]))
        }
        var problems: [String] = []
        let outOfRange = { (count: Int) in count < 0 || count > maximumCount }
        if summary.schema != schemaID { problems.append("schema must be \(schemaID), not \(summary.schema)") }
        if summary.unit.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("unit is empty") }
        let totals = summary.totals
        if [
            totals.entries, totals.consultations, totals.activeSchools, totals.registeredSchools,
            totals.safeguardingHeld,
        ].contains(where: outOfRange) {
            problems.append("totals cannot be negative or above \(maximumCount)")
        }
        for (dimension, values) in summary.tallies {
            if !dimensions.contains(dimension) { problems.append("unknown tally dimension \(dimension)") }
            if values.values.contains(where: { outOfRange($0.entries) || outOfRange($0.consultations) }) {
                problems.append("tally \(dimension) has a negative count or one above \(maximumCount)")
            }
        }
        for issue in summary.issues
        where outOfRange(issue.entries) || outOfRange(issue.participants) || issue.id.isEmpty {
            problems.append("issue \(issue.id) has an empty id or a negative count or one above \(maximumCount)")
        }
        for target in summary.targets ?? [] {
            if let current = target.current, !(0...Double(maximumCount)).contains(current) {
                problems.append("target \(target.id) has a current value below 0 or above \(maximumCount)")
            }
        }
        if let answers = summary.answers {
            let counts =
                [answers.asked, answers.answered] + Array(answers.byStatus.values)
                + (Array(answers.theme.values) + Array(answers.school.values)).flatMap { [$0.asked, $0.answered] }
            if counts.contains(where: outOfRange) {
                problems.append("answers cannot have negative counts or counts above \(maximumCount)")
            }
            if answers.answered > answers.asked { problems.append("answers.answered cannot exceed answers.asked") }
        }
        if let events = summary.events {
            let counts = ([events.total] + Array(events.unit.values) + Array(events.kind.values)).flatMap {
                [$0.held, $0.children, $0.specialCircumstances, $0.delegates ?? 0, $0.photos ?? 0, $0.documents ?? 0]
            }
            if counts.contains(where: outOfRange) { problems.append("events cannot have negative counts or counts above \(maximumCount)") }
            for (unit, refs) in events.evidence ?? [:] {
                for ref in refs.prefix(1000)
                where !EvidenceFile.isChecksum(ref.sha256) || !(1...EvidenceFile.maxBytes).contains(ref.bytes)
                    || !EvidenceFile.contentTypes.contains(ref.type)
                {
                    problems.append("events.evidence of \(unit.prefix(60)) has an entry that is not {sha256: 64 hex digits, bytes: 1–\(EvidenceFile.maxBytes), type: image/jpeg|image/png|application/pdf}")
                    break
                }
                if refs.count > 10_000 { problems.append("events.evidence of \(unit.prefix(60)) lists more than 10000 files") }
            }
        }
        return problems.isEmpty ? .success(summary) : .failure(SummaryProblems(problems))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case let DecodingError.dataCorrupted(context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }
}

public struct SummaryProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "; ") }
}
