import Analysis
import ArgumentParser
import Forms
import Foundation

/// `tiengnoi issues --eval`: issue grouping against people's groups. Only counts are printed,
/// never an entry.
enum GroupingEvaluationText {
    static func run(file: String, form: Form, sweep: Bool) throws {
        let input: JSONLinesFile
        let texts: [String]
        let given: [String]
        do {
            input = try JSONLinesFile(path: file)
            texts = try input.lines.map { line throws(JSONLinesFile.Problem) in try input.string("text", of: line) }
            given = try input.lines.map { line throws(JSONLinesFile.Problem) in try input.string("theme", of: line) }
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let groups = input.lines.map { input.optionalString("group", of: $0) }
        let weighting: TermWeighting
        let classifier: ThemeClassifier
        do {
            weighting = try TermWeighting.bundled()
            classifier = try ThemeClassifier(form: form)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let predicted = texts.map { classifier.classify($0).theme }
        let asServer = zip(zip(texts, groups), predicted).map { GroupingEvaluation.Entry(text: $0.0, group: $0.1, theme: $1) }
        let asGiven = zip(zip(texts, groups), given).map { GroupingEvaluation.Entry(text: $0.0, group: $0.1, theme: $1) }
        let started = ContinuousClock.now
        let server = GroupingEvaluation(asServer, weighting: weighting)
        let perEntry = String(format: "%.1f", (ContinuousClock.now - started).milliseconds * 1000 / Double(max(texts.count, 1)))
        printError("Đã xếp \(texts.count) mục vào vấn đề, \(perEntry) µs mỗi mục — grouped \(texts.count) entries, \(perEntry) µs each")
        printNow("themes as given in the file: " + GroupingEvaluation(asGiven, weighting: weighting).line)
        if sweep {
            for step in 6...14 {
                let threshold = Double(step) / 20
                let server = GroupingEvaluation(asServer, weighting: weighting, joinThreshold: threshold)
                let given = GroupingEvaluation(asGiven, weighting: weighting, joinThreshold: threshold)
                printNow(
                    "threshold=\(threshold) predicted themes recall=\(format(server.recall)) precision=\(format(server.precision))"
                        + " · given themes recall=\(format(given.recall)) precision=\(format(given.precision))")
            }
        }
        // The review with the merge suggestions alone, then with the marked entries split out first.
        for splitBelow in [nil, MemberFit.markBelow] {
            for shown in [1, 3, 5] {
                let reviewed = GroupingEvaluation(reviewing: asServer, weighting: weighting, shown: shown, splitBelow: splitBelow)
                let marks = splitBelow == nil ? "" : "the marked entries and "
                let counts = splitBelow == nil ? "" : " marked=\(reviewed.marked)/\(reviewed.sharing) split_out=\(reviewed.splitOut)"
                printNow(
                    "after an officer's review of \(marks)\(shown) merge suggestion(s) per issue:"
                        + " recall=\(format(reviewed.recall)) precision=\(format(reviewed.precision)) issues=\(reviewed.issues)\(counts)")
            }
        }
        // Last, as the server would group them: the line scripts parse.
        printNow(server.line)
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
