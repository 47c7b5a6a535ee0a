import Analysis
import Answers
import ArgumentParser
import Forms
import Foundation
import Reports
import Summary

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Give each entry of a JSON Lines file a theme, or measure the classifier on labelled entries.",
        discussion: """
            tiengnoi classify FILE.jsonl          each line back with predicted_theme and confidence added
            tiengnoi classify --eval FILE.jsonl   precision, recall, F1 and confusion matrix against "theme",
                                                  and safeguarding recall and precision against a boolean
                                                  "safeguarding" field on the lines that have one
            tiengnoi classify --safeguarding-cv   cross-validation of the safeguarding detector on its
                                                  bundled examples, for choosing its thresholds
            tiengnoi classify --themes-cv         cross-validation of the theme classifier on its bundled
                                                  entries, for choosing its settings
            Every line is a JSON object with a "text" field; other fields are kept as they are.
            """)

    @Argument(help: ArgumentHelp("JSON Lines file to classify.", valueName: "FILE.jsonl"))
    var file: String?

    @Option(
        name: .customLong("eval"),
        help: ArgumentHelp("Labelled JSON Lines file (fields text and theme) to measure against.", valueName: "FILE.jsonl"))
    var evaluationFile: String?

    @Flag(
        name: .customLong("safeguarding-cv"),
        help: "Cross-validate the safeguarding detector on its bundled examples and print a threshold table.")
    var crossValidateSafeguarding = false

    @Flag(
        name: .customLong("themes-cv"),
        help: "Cross-validate the theme classifier on its bundled entries and print macro-F1.")
    var crossValidateThemes = false

    @Option(help: ArgumentHelp("Write the classified lines here instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(help: "The form whose themes to use.")
    var form: String = "dien-dan-tre-em"

    @OptionGroup var forms: FormsDirectoryOption

    func validate() throws {
        guard [file != nil, evaluationFile != nil, crossValidateSafeguarding, crossValidateThemes].filter({ $0 }).count == 1 else {
            throw ValidationError(
                "Cần đúng một trong bốn: FILE.jsonl, --eval FILE.jsonl, --safeguarding-cv hoặc --themes-cv"
                    + " — give one of FILE.jsonl, --eval FILE.jsonl, --safeguarding-cv or --themes-cv")
        }
        if out != nil, file == nil {
            throw ValidationError("--out chỉ dùng khi phân loại, không dùng với --eval — --out applies to classifying, not to --eval")
        }
    }

    func run() throws {
        // Every line is checked before the model loads, so a bad file fails at once and no
        // partial output is written.
        do {
            if let evaluationFile {
                let input = try JSONLinesFile(path: evaluationFile)
                let safeguarding = try input.lines.map { line throws(JSONLinesFile.Problem) in
                    try input.optionalBool("safeguarding", of: line)
                }
                // A file with no theme at all but a safeguarding truth on its lines (a corpus
                // written for the detector) is scored for safeguarding alone.
                if input.lines.allSatisfy({ input.optionalString("theme", of: $0) == nil }), safeguarding.contains(where: { $0 != nil }) {
                    let texts = try input.lines.map { line throws(JSONLinesFile.Problem) in try input.string("text", of: line) }
                    let detector = try SafeguardingEvaluationText.loadDetector()
                    let score = SafeguardingEvaluationText.score(detector, texts, safeguarding,
                                                                 groups: input.lines.map { SafeguardingEvaluationText.group(of: $0.object) })
                    for line in SafeguardingEvaluationText.lines(score) { printNow(line) }
                    return
                }
                let examples = try input.lines.map { line throws(JSONLinesFile.Problem) in
                    LabelledText(text: try input.string("text", of: line), theme: try input.string("theme", of: line))
                }
                let classifier = try loadClassifier()
                let detector = safeguarding.contains { $0 != nil } ? try SafeguardingEvaluationText.loadDetector() : nil
                evaluate(classifier, examples, safeguarding: detector.map { ($0, safeguarding) })
            } else if crossValidateSafeguarding {
                try SafeguardingCrossValidationText.run()
            } else if crossValidateThemes {
                try crossValidateThemeClassifier()
            } else if let file {
                let input = try JSONLinesFile(path: file)
                let texts = try input.lines.map { line throws(JSONLinesFile.Problem) in try input.string("text", of: line) }
                try classify(try loadClassifier(), input.lines, texts)
            }
        } catch let problem as JSONLinesFile.Problem {
            printError(problem.description)
            throw ExitCode(1)
        }
    }

    /// Figures only, never an entry.
    private func crossValidateThemeClassifier() throws {
        let started = ContinuousClock.now
        let validation = try ThemeCrossValidation(form: try forms.form(id: form))
        let elapsed = String(format: "%.0f", milliseconds(ContinuousClock.now - started))
        printError("Kiểm định chéo xong trong \(elapsed) ms — cross-validation done in \(elapsed) ms")
        func share(_ part: (count: Int, right: Int)) -> String {
            "\(part.count) (right \(String(format: "%.3f", Double(part.right) / Double(max(part.count, 1)))))"
        }
        printNow("themes \(validation.folds)-fold cross-validation n=\(validation.classifier.count)")
        printNow("naive Bayes alone: macro_f1=\(String(format: "%.4f", validation.naiveBayesAlone.macroF1))")
        printNow(
            "below review threshold \(ThemeClassifier.needsReviewThreshold): \(share(validation.belowThreshold))"
                + " · above: \(share(validation.aboveThreshold))")
        for held in validation.heldOutWriters {
            printNow(
                "held-out writer \(held.writer) n=\(held.withOthers.count): macro_f1=\(String(format: "%.4f", held.withOthers.macroF1))"
                    + ", without marks \(String(format: "%.4f", held.withOthersWithoutMarks.macroF1))"
                    + " (trained on the project's entries alone: \(String(format: "%.4f", held.projectAlone.macroF1)))")
        }
        printNow("classifier, every mark removed: macro_f1=\(String(format: "%.4f", validation.classifierWithoutMarks.macroF1))")
        // Last, the line scripts parse.
        printNow("classifier: macro_f1=\(String(format: "%.4f", validation.classifier.macroF1))")
    }

    private func loadClassifier() throws -> ThemeClassifier {
        let definition = try forms.form(id: form)
        let started = ContinuousClock.now
        do {
            let classifier = try ThemeClassifier(form: definition)
            let elapsed = String(format: "%.1f", milliseconds(ContinuousClock.now - started))
            printError("Đã nạp bộ phân loại cho «\(definition.id)» trong \(elapsed) ms — classifier for «\(definition.id)» loaded in \(elapsed) ms")
            return classifier
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    private func evaluate(
        _ classifier: ThemeClassifier, _ examples: [LabelledText],
        safeguarding: (detector: SafeguardingDetector, truths: [Bool?])?
    ) {
        let started = ContinuousClock.now
        let evaluation = ThemeEvaluation(classifier: classifier, examples: examples)
        let perEntry = String(format: "%.1f", milliseconds(ContinuousClock.now - started) * 1000 / Double(max(examples.count, 1)))
        printError("Đã phân loại \(examples.count) mục, \(perEntry) µs mỗi mục — classified \(examples.count) entries, \(perEntry) µs each")
        let unknown = Set(examples.map(\.theme)).subtracting(classifier.themeCodes).sorted()
        if !unknown.isEmpty {
            printError(
                "Chủ đề không có trong biểu mẫu, luôn tính là sai: \(unknown.joined(separator: ", "))"
                    + " — themes not in the form, always counted wrong")
        }
        var lines = ClassificationReportText.lines(evaluation)
        if let safeguarding {
            let score = SafeguardingEvaluationText.score(safeguarding.detector, examples.map(\.text), safeguarding.truths, groups: [])
            // Before the last line, which scripts parse for macro-F1 and accuracy.
            lines.insert(contentsOf: SafeguardingEvaluationText.lines(score), at: lines.count - 1)
        }
        for line in lines { printNow(line) }
    }

    private func classify(_ classifier: ThemeClassifier, _ lines: [JSONLinesFile.Line], _ texts: [String]) throws {
        let output: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
                printError("Không ghi được tệp \(out) — cannot write \(out)")
                throw ExitCode(1)
            }
            output = handle
        } else {
            output = FileHandle.standardOutput
        }
        defer { if out != nil { try? output.close() } }
        var buffer = ""
        for (line, text) in zip(lines, texts) {
            let prediction = classifier.classify(text)
            var object = line.object
            object["predicted_theme"] = .string(prediction.theme)
            object["confidence"] = .double((prediction.confidence * 10_000).rounded() / 10_000)
            buffer += JSONValue.object(object).canonicalString()
            buffer += "\n"
            if buffer.utf8.count > 1 << 16 {
                output.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        output.write(Data(buffer.utf8))
    }

    private func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
