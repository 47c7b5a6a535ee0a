import Forms

/// 5-fold cross-validation of the theme classifier on the project's bundled entries: each fifth
/// of every theme's entries is classified by a model trained on the other four fifths and on
/// every other writer's entries (`BundledTrainingEntries.otherWriters`). What chooses the
/// classifier's settings besides the grouping calibration set — never the dev set or the
/// evaluation corpus. Naive Bayes alone is measured beside the classifier as it runs.
///
/// Then each other writer held out: their entries classified by a model trained on everything
/// else, and by one trained on the project's entries alone — how much a writer the model has not
/// read gains from the writers it has, which is what children's own words will test.
public struct ThemeCrossValidation: Sendable {
    public let folds: Int
    public let classifier: ClassificationReport
    /// The same held-out entries with every mark removed (`VietnameseText.fold`), as a child
    /// typing without Vietnamese input writes them.
    public let classifierWithoutMarks: ClassificationReport
    public let naiveBayesAlone: ClassificationReport
    /// Of the classifier's predictions, how many fell below `ThemeClassifier.needsReviewThreshold`
    /// (marked for review) and how many of those, and of the others, were right.
    public let belowThreshold: (count: Int, right: Int)
    public let aboveThreshold: (count: Int, right: Int)
    /// Each other writer's entries, classified without them: trained on everything else, and on
    /// the project's entries alone.
    public let heldOutWriters: [(writer: String, withOthers: ClassificationReport, withOthersWithoutMarks: ClassificationReport, projectAlone: ClassificationReport)]

    public init(form: Form, folds: Int = 5) throws {
        self.folds = folds
        let codes = form.themes.map(\.code)
        var entries: [(text: String, theme: Int, fold: Int)] = []
        var writers: [String: [(text: String, theme: Int)]] = [:]
        for (index, code) in codes.enumerated() {
            for (writer, texts) in try BundledTrainingEntries.otherWriters(forTheme: code) {
                writers[writer, default: []] += texts.map { ($0, index) }
            }
            let texts = try BundledTrainingEntries.entries(forTheme: code)
            // A fixed shuffle per theme, then folds in turn: every fold has its share of each theme.
            var order = Array(texts.indices)
            var shuffle = FixedShuffle(seed: 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
            shuffle.shuffle(&order)
            for (rank, position) in order.enumerated() { entries.append((texts[position], index, rank % folds)) }
        }
        // Other writers in name order, as the served classifier learns them: the regression is
        // trained in passes over its examples in order, and a dictionary's order changes with
        // every process, which moved this figure by up to 0.004 between two runs.
        let byWriter = writers.sorted { $0.key < $1.key }.map {
            (writer: $0.key, texts: $0.value, training: $0.value.map { ThemeClassifier.TrainingText(text: $0.text, theme: $0.theme, weight: 1) })
        }
        let otherWriters = byWriter.flatMap(\.training)
        var both: [(truth: String, predicted: String)] = [], alone: [(truth: String, predicted: String)] = []
        var withoutMarks: [(truth: String, predicted: String)] = []
        var below = (count: 0, right: 0), above = (count: 0, right: 0)
        for fold in 0..<folds {
            let training = entries.filter { $0.fold != fold }.map { ThemeClassifier.TrainingText(text: $0.text, theme: $0.theme, weight: 1) }
                + otherWriters
            guard let full = ThemeClassifier(themeCodes: codes, training: training),
                  let bayes = ThemeClassifier(themeCodes: codes, training: training, regression: false)
            else { continue }
            for entry in entries where entry.fold == fold {
                let text = VietnameseText(entry.text)
                let prediction = full.classify(text)
                let truth = codes[entry.theme]
                both.append((truth, prediction.theme))
                alone.append((truth, bayes.classify(text).theme))
                withoutMarks.append((truth, full.classify(VietnameseText(VietnameseText.fold(entry.text))).theme))
                let right = prediction.theme == truth ? 1 : 0
                if prediction.confidence < ThemeClassifier.needsReviewThreshold {
                    below = (below.count + 1, below.right + right)
                } else {
                    above = (above.count + 1, above.right + right)
                }
            }
        }
        classifier = ClassificationReport(themes: codes, outcomes: both)
        classifierWithoutMarks = ClassificationReport(themes: codes, outcomes: withoutMarks)
        naiveBayesAlone = ClassificationReport(themes: codes, outcomes: alone)
        belowThreshold = below
        aboveThreshold = above

        let project = entries.map { ThemeClassifier.TrainingText(text: $0.text, theme: $0.theme, weight: 1) }
        func report(_ model: ThemeClassifier?, on texts: [(text: String, theme: Int)], folded: Bool = false) -> ClassificationReport {
            ClassificationReport(
                themes: codes,
                outcomes: texts.map {
                    (codes[$0.theme], model?.classify(VietnameseText(folded ? VietnameseText.fold($0.text) : $0.text)).theme ?? "")
                })
        }
        heldOutWriters = byWriter.map { held in
            let others = byWriter.filter { $0.writer != held.writer }.flatMap(\.training)
            let withOthers = ThemeClassifier(themeCodes: codes, training: project + others)
            return (
                held.writer, report(withOthers, on: held.texts), report(withOthers, on: held.texts, folded: true),
                report(ThemeClassifier(themeCodes: codes, training: project), on: held.texts)
            )
        }
    }
}
