import Forms
import Foundation

extension Summary {
    public static let dimensions: Set<String> = ["school", "ward", "theme", "kind", "gender", "grade_band", "month"]

    /// Decodes a summary received from another instance and checks what decoding cannot:
    /// the schema version, counts that cannot be negative, known tally dimensions.
    public static func decodeValidated(_ data: Data) -> Result<Summary, SummaryProblems> {
        let summary: Summary
        do {
            summary = try JSONDecoder().decode(Summary.self, from: data)
        } catch {
            return .failure(SummaryProblems(["the body is not a tiengnoi.summary/1 document: \(Self.describe(error))"]))
        }
        var problems: [String] = []
        if summary.schema != schemaID { problems.append("schema must be \(schemaID), not \(summary.schema)") }
        if summary.unit.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("unit is empty") }
        let totals = summary.totals
        if [
            totals.entries, totals.consultations, totals.activeSchools, totals.registeredSchools,
            totals.safeguardingHeld,
        ].contains(where: { $0 < 0 }) {
            problems.append("totals cannot be negative")
        }
        for (dimension, values) in summary.tallies {
            if !dimensions.contains(dimension) { problems.append("unknown tally dimension \(dimension)") }
            if values.values.contains(where: { $0.entries < 0 || $0.consultations < 0 }) {
                problems.append("tally \(dimension) has a negative count")
            }
        }
        for issue in summary.issues where issue.entries < 0 || issue.participants < 0 || issue.id.isEmpty {
            problems.append("issue \(issue.id) has an empty id or a negative count")
        }
        if let answers = summary.answers {
            let counts =
                [answers.asked, answers.answered] + Array(answers.byStatus.values)
                + (Array(answers.theme.values) + Array(answers.school.values)).flatMap { [$0.asked, $0.answered] }
            if counts.contains(where: { $0 < 0 }) { problems.append("answers cannot have negative counts") }
            if answers.answered > answers.asked { problems.append("answers.answered cannot exceed answers.asked") }
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
