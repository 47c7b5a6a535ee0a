import Forms
import Foundation

/// Gives a child's entry a theme from its form's catalogue, with a confidence.
/// Trained when created, from the project's bundled entries for the form's theme codes, the
/// form's own keywords, names and descriptions, and staff corrections; a campaign whose themes
/// have no bundled entries still works from its keywords.
public struct ThemeClassifier: Sendable {
    /// Below this confidence an entry is marked `needs_review`. Chosen on 5-fold cross-validation
    /// of the bundled training entries (never the dev set): under 0.5 the prediction was a coin
    /// toss (right 51 % of the time), above it right 89 % of the time; 8 % of entries fell below,
    /// a review load a district officer can carry. At 0.6 the flagged share rose to 14 % while
    /// the flagged entries were still right about half the time.
    public static let needsReviewThreshold = 0.5

    /// A staff correction counts as this many training entries: a person read it and decided,
    /// and one example among hundreds per theme would otherwise change nothing.
    static let correctionWeight = 3.0

    /// Naive Bayes sums one log-ratio per feature as if they were independent, so raw scores grow
    /// with length and a softmax of them is far too sure. Scaling by temperature / √(features)
    /// fitted the cross-validated predictions best (log-loss 0.42; of entries given 0.9–1.0,
    /// 97 % were right, of 0.7–0.8, 75 %, of 0.5–0.6, 57 %).
    static let temperature = 3.5

    public let themeCodes: [String]
    private let vocabulary: FeatureVocabulary
    private let model: ComplementNaiveBayes
    /// Folded text (by key) → theme index for texts staff corrected: the same words get the same answer.
    private let corrected: [UInt64: Int]

    public init(form: Form, corrections: [LabelledText] = []) throws {
        guard !form.themes.isEmpty else { throw ThemeClassifierError.noThemes(form: form.id) }
        themeCodes = form.themes.map(\.code)
        let themeIndex = Dictionary(themeCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        var vocabulary = FeatureVocabulary()
        var examples: [FeatureCounts.Example] = []
        func learn(_ text: String, theme: Int, weight: Double) {
            let features = vocabulary.addFeatures(of: VietnameseText(text))
            if !features.isEmpty { examples.append(.init(features: features, theme: theme, weight: weight)) }
        }
        for (index, theme) in form.themes.enumerated() {
            for entry in try BundledTrainingEntries.entries(forTheme: theme.code) { learn(entry, theme: index, weight: 1) }
            for keyword in theme.keywords { learn(keyword, theme: index, weight: 1) }
            learn(theme.name.vi, theme: index, weight: 1)
            learn(theme.description.vi, theme: index, weight: 1)
        }
        // Corrections naming a theme the form no longer has cannot be learnt from and are skipped.
        var corrected: [UInt64: Int] = [:]
        for correction in corrections {
            guard let index = themeIndex[correction.theme] else { continue }
            learn(correction.text, theme: index, weight: Self.correctionWeight)
            let words = VietnameseText(correction.text)
            if !words.tokens.isEmpty { corrected[words.foldedTextKey] = index }
        }
        guard !examples.isEmpty else { throw ThemeClassifierError.noExamples(form: form.id) }

        self.vocabulary = vocabulary
        self.model = ComplementNaiveBayes(FeatureCounts(examples: examples, featureCount: vocabulary.count, themeCount: themeCodes.count))
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
        let probabilities = Self.softmax(model.scores(features).map { $0 * scale })
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
