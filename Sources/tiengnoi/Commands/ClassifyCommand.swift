import Aggregator
import ArgumentParser
import Forms
import Foundation

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Give each entry of a JSON Lines file a theme, or measure the classifier on labelled entries.",
        discussion: """
        tiengnoi classify FILE.jsonl          each line back with predicted_theme and confidence added
        tiengnoi classify --eval FILE.jsonl   precision, recall, F1 and confusion matrix against "theme"
        Every line is a JSON object with a "text" field; other fields are kept as they are.
        """)

    @Argument(help: "JSON Lines file to classify.")
    var file: String?

    @Option(name: .customLong("eval"), help: "Labelled JSON Lines file (fields text and theme) to measure against.")
    var evaluationFile: String?

    @Option(help: "Write the classified lines here instead of standard output.")
    var out: String?

    @Option(help: "The form whose themes to use.")
    var form: String = "dien-dan-tre-em"

    @OptionGroup var forms: FormsDirectoryOption

    func validate() throws {
        guard (file == nil) != (evaluationFile == nil) else {
            throw ValidationError("Cần đúng một trong hai: FILE hoặc --eval FILE — give either FILE or --eval FILE")
        }
    }

    func run() throws {
        let classifier = try loadClassifier()
        do {
            if let evaluationFile {
                try evaluate(classifier, path: evaluationFile)
            } else if let file {
                try classify(classifier, path: file)
            }
        } catch let problem as JSONLinesFile.Problem {
            printError(problem.description)
            throw ExitCode(1)
        }
    }

    private func loadClassifier() throws -> ThemeClassifier {
        let definition = try forms.form(id: form)
        let started = ContinuousClock.now
        do {
            let classifier = try ThemeClassifier(form: definition)
            let elapsed = String(format: "%.1f", milliseconds(ContinuousClock.now - started))
            printError("Đã nạp bộ phân loại cho «\(definition.id)» trong \(elapsed) ms"
                       + " — classifier for «\(definition.id)» loaded in \(elapsed) ms")
            return classifier
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    private func evaluate(_ classifier: ThemeClassifier, path: String) throws {
        let input = try JSONLinesFile(path: path)
        var examples: [LabelledText] = []
        for line in input.lines {
            examples.append(LabelledText(text: try input.string("text", of: line), theme: try input.string("theme", of: line)))
        }
        let started = ContinuousClock.now
        let evaluation = ThemeEvaluation(classifier: classifier, examples: examples)
        let elapsed = ContinuousClock.now - started
        let perEntry = milliseconds(elapsed) * 1000 / Double(max(examples.count, 1))
        printError("Đã phân loại \(examples.count) mục, \(String(format: "%.1f", perEntry)) µs mỗi mục"
                   + " — classified \(examples.count) entries, \(String(format: "%.1f", perEntry)) µs each")
        let unknown = Set(examples.map(\.theme)).subtracting(classifier.themeCodes).sorted()
        if !unknown.isEmpty {
            printError("Chủ đề không có trong biểu mẫu, luôn tính là sai: \(unknown.joined(separator: ", "))"
                       + " — themes not in the form, always counted wrong")
        }
        for line in ClassificationReportText.lines(evaluation) { printNow(line) }
    }

    private func classify(_ classifier: ThemeClassifier, path: String) throws {
        let input = try JSONLinesFile(path: path)
        var output = ""
        output.reserveCapacity(input.lines.count * 256)
        for line in input.lines {
            let prediction = classifier.classify(try input.string("text", of: line))
            var object = line.object
            object["predicted_theme"] = .string(prediction.theme)
            object["confidence"] = .double((prediction.confidence * 10_000).rounded() / 10_000)
            output += JSONValue.object(object).canonicalString()
            output += "\n"
        }
        if let out {
            do {
                try output.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                printError("Không ghi được tệp \(out): \(error.localizedDescription) — cannot write \(out)")
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    private func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
