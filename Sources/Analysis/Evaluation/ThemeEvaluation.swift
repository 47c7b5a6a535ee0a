/// The classifier measured on labelled entries: over all of them, and over those written without
/// diacritics, which children often send and which lose the marks that tell words apart.
public struct ThemeEvaluation: Sendable {
    public let overall: ClassificationReport
    public let withoutDiacritics: ClassificationReport

    public init(classifier: ThemeClassifier, examples: [LabelledText]) {
        var all: [(truth: String, predicted: String)] = []
        var plain: [(truth: String, predicted: String)] = []
        for example in examples {
            let text = VietnameseText(example.text)
            let outcome = (truth: example.theme, predicted: classifier.classify(text).theme)
            all.append(outcome)
            if !text.hasDiacritics { plain.append(outcome) }
        }
        overall = ClassificationReport(themes: classifier.themeCodes, outcomes: all)
        withoutDiacritics = ClassificationReport(themes: classifier.themeCodes, outcomes: plain)
    }
}
