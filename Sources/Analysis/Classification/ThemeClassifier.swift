import Forms
import Foundation
import Synchronization

/// Gives a child's entry a theme from its form's catalogue, with a confidence.
/// Trained when created, from the project's bundled entries for the form's theme codes, the
/// form's own keywords, names and descriptions, and staff corrections; a campaign whose themes
/// have no bundled entries still works from its keywords. Two models over the same features,
/// their probabilities averaged: complement naive Bayes and, when every theme has enough
/// examples, a logistic regression (`regressionShare`).
public struct ThemeClassifier: Sendable {
    /// Below this confidence an entry is marked `needs_review`. Chosen on 5-fold cross-validation
    /// of the bundled training entries (never the dev set): under 0.5 the prediction was a coin
    /// toss (right 51 % of the time), above it right 89 % of the time; 8 % of entries fell below,
    /// a review load a district officer can carry. At 0.6 the flagged share rose to 14 % while
    /// the flagged entries were still right about half the time. Checked again when the logistic
    /// regression joined (`tiengnoi classify --themes-cv`): 8.5 % below, right 51 %; above, 91 %;
    /// and with four other writers' entries (issue 18): 5.9 % below, right 49 %; above, 91 %.
    public static let needsReviewThreshold = 0.5

    /// A staff correction counts as this many training entries: a person read it and decided,
    /// and one example among hundreds per theme would otherwise change nothing.
    static let correctionWeight = 3.0

    /// Naive Bayes sums one log-ratio per feature as if they were independent, so raw scores grow
    /// with length and a softmax of them is far too sure. Scaling by temperature / √(features)
    /// fitted the cross-validated predictions best (log-loss 0.42; of entries given 0.9–1.0,
    /// 97 % were right, of 0.7–0.8, 75 %, of 0.5–0.6, 57 %).
    static let temperature = 3.5

    /// The logistic regression joins the naive Bayes model only when every theme with examples has
    /// at least this many: with a theme known from a few keywords (a new campaign's) it halved that
    /// theme's recall in cross-validation, where naive Bayes, smoothed towards the background, still finds it.
    static let regressionMinimumExamples = 100.0
    /// The regression's share of the averaged probabilities. Chosen on 5-fold cross-validation of
    /// the bundled entries (`tiengnoi classify --themes-cv`) and on the grouping calibration set
    /// (another writer), never the dev set or the evaluation corpus: naive Bayes alone 0.850 and
    /// 0.902 macro-F1, with the regression at 0.4, 0.5, 0.6: 0.865 / 0.919, 0.868 / 0.919,
    /// 0.869 / 0.916 (10 passes, step 0.1).
    static let regressionShare = 0.5

    public let themeCodes: [String]
    private let vocabulary: FeatureVocabulary
    private let model: ComplementNaiveBayes
    private let regression: MultinomialLogisticRegression?
    /// Folded text (by key) → theme index for texts staff corrected: the same words get the same answer.
    private let corrected: [UInt64: Int]

    /// A text to learn from, with its theme's index in `themeCodes` and how much it counts.
    struct TrainingText: Hashable {
        var text: String
        var theme: Int
        var weight: Double
    }

    public init(form: Form, corrections: [LabelledText] = []) throws {
        guard !form.themes.isEmpty else { throw ThemeClassifierError.noThemes(form: form.id) }
        let themeCodes = form.themes.map(\.code)
        let themeIndex = Dictionary(themeCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var training: [TrainingText] = []
        for (index, theme) in form.themes.enumerated() {
            for entry in try BundledTrainingEntries.themeExamples(forTheme: theme.code) { training.append(.init(text: entry, theme: index, weight: 1)) }
            for keyword in theme.keywords { training.append(.init(text: keyword, theme: index, weight: 1)) }
            training.append(.init(text: theme.name.vi, theme: index, weight: 1))
            training.append(.init(text: theme.description.vi, theme: index, weight: 1))
        }
        // Corrections naming a theme the form no longer has cannot be learnt from and are skipped.
        var corrected: [UInt64: Int] = [:]
        for correction in corrections {
            guard let index = themeIndex[correction.theme] else { continue }
            training.append(.init(text: correction.text, theme: index, weight: Self.correctionWeight))
            let words = VietnameseText(correction.text)
            if !words.tokens.isEmpty { corrected[words.foldedTextKey] = index }
        }
        let key = TrainingKey(themeCodes: themeCodes, training: training, corrected: corrected)
        if let cached = Self.trained.withLock({ $0.classifier(for: key) }) {
            self = cached
            return
        }
        // One training of a model at a time: passes that start together (a person's page and the
        // background pass, a command beside the server, the tests' many servers) would otherwise
        // each train the same model at once, on the same cores. Models of different training sets
        // still train side by side: one lock for all made a background pass (nice 10) wait behind
        // every other training in the process.
        let gate = Self.gate(for: key)
        gate.lock()
        defer { gate.unlock() }
        if let cached = Self.trained.withLock({ $0.classifier(for: key) }) {
            self = cached
            return
        }
        guard let classifier = Self(themeCodes: themeCodes, training: training, corrected: corrected) else {
            throw ThemeClassifierError.noExamples(form: form.id)
        }
        Self.trained.withLock { $0.keep(classifier, for: key) }
        self = classifier
    }

    /// What a classifier was trained from: the same texts, themes and corrections give the same model.
    private struct TrainingKey: Hashable {
        var themeCodes: [String]
        var training: [TrainingText]
        var corrected: [UInt64: Int]
    }

    /// Classifiers already trained in this process, by what they were trained from. Every analysis
    /// pass asks for its form's classifier anew, since a new form version or a staff correction
    /// must be learnt; when neither changed, training again (0.1 s in a release build, nearly 2 s
    /// in the tests' debug build, which run hundreds of passes) would give the same model.
    private static let trained = Mutex(TrainedClassifiers())
    private static let gates = Mutex<[Int: NSLock]>([:])

    /// The lock of one training set, by its hash (two sets sharing a hash only wait for each other).
    /// Forgotten when many have gathered: a lost lock at worst lets one model be trained twice.
    private static func gate(for key: TrainingKey) -> NSLock {
        let hash = key.hashValue
        return gates.withLock { gates in
            if let gate = gates[hash] { return gate }
            if gates.count >= 64 { gates.removeAll() }
            let gate = NSLock()
            gates[hash] = gate
            return gate
        }
    }

    /// A few classifiers at most; when full, the one trained longest ago goes. (Emptying it all
    /// made every pass of the default form retrain after a few forms with corrections.)
    private struct TrainedClassifiers {
        static let kept = 4
        private var byKey: [TrainingKey: ThemeClassifier] = [:]
        private var order: [TrainingKey] = []

        func classifier(for key: TrainingKey) -> ThemeClassifier? { byKey[key] }

        mutating func keep(_ classifier: ThemeClassifier, for key: TrainingKey) {
            if byKey.updateValue(classifier, forKey: key) == nil { order.append(key) }
            while order.count > Self.kept { byKey[order.removeFirst()] = nil }
        }
    }

    /// Trained from the given texts alone (cross-validation trains on part of the bundled entries);
    /// nil when none of them has a word. `regression: false` leaves naive Bayes alone.
    init?(themeCodes: [String], training: [TrainingText], corrected: [UInt64: Int] = [:], regression: Bool = true) {
        var vocabulary = FeatureVocabulary()
        var examples: [FeatureCounts.Example] = []
        for item in training {
            let features = vocabulary.addFeatures(of: VietnameseText(item.text))
            if !features.isEmpty { examples.append(.init(features: features, theme: item.theme, weight: item.weight)) }
        }
        guard !examples.isEmpty else { return nil }
        self.themeCodes = themeCodes
        self.vocabulary = vocabulary
        self.model = ComplementNaiveBayes(FeatureCounts(examples: examples, featureCount: vocabulary.count, themeCount: themeCodes.count))
        var perTheme = [Double](repeating: 0, count: themeCodes.count)
        for example in examples { perTheme[example.theme] += example.weight }
        let enough = perTheme.allSatisfy { $0 == 0 || $0 >= Self.regressionMinimumExamples }
        self.regression = regression && enough
            ? MultinomialLogisticRegression(examples, featureCount: vocabulary.count, themeCount: themeCodes.count)
            : nil
        self.corrected = corrected
    }

    public func classify(_ text: String) -> ThemePrediction {
        classify(VietnameseText(text))
    }

    public func classify(_ text: VietnameseText) -> ThemePrediction {
        if !corrected.isEmpty, let index = corrected[text.foldedTextKey] { return prediction(certain: index) }
        let features = vocabulary.features(of: text)
        guard !features.isEmpty else { return unknownWords() }
        let scale = Self.temperature / Double(features.count).squareRoot()
        var probabilities = Self.softmax(model.scores(features).map { $0 * scale })
        if let regression {
            let other = regression.probabilities(features)
            for theme in probabilities.indices {
                probabilities[theme] = (1 - Self.regressionShare) * probabilities[theme] + Self.regressionShare * other[theme]
            }
        }
        return prediction(probabilities)
    }

    private func prediction(_ probabilities: [Double]) -> ThemePrediction {
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] { best = index }
        let scores = Dictionary(uniqueKeysWithValues: zip(themeCodes, probabilities))
        return ThemePrediction(theme: themeCodes[best], confidence: probabilities[best], scores: scores)
    }

    private func prediction(certain index: Int) -> ThemePrediction {
        prediction(themeCodes.indices.map { $0 == index ? 1 : 0 })
    }

    /// No word the classifier knows: spread evenly over the trainable themes, filed under
    /// `other` when the form has it, and far below the review threshold.
    private func unknownWords() -> ThemePrediction {
        let trained = themeCodes.indices.filter { model.trainedThemes[$0] }
        let even = 1 / Double(max(trained.count, 1))
        let probabilities = themeCodes.indices.map { model.trainedThemes[$0] ? even : 0 }
        let fallback = themeCodes.firstIndex(of: "other").flatMap { model.trainedThemes[$0] ? $0 : nil } ?? trained.first ?? 0
        let scores = Dictionary(uniqueKeysWithValues: zip(themeCodes, probabilities))
        return ThemePrediction(theme: themeCodes[fallback], confidence: probabilities[fallback], scores: scores)
    }

    private static func softmax(_ values: [Double]) -> [Double] {
        let top = values.max() ?? 0
        let exponentials = values.map { $0 == -.infinity ? 0 : exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
