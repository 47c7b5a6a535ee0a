import Foundation

/// Names the kind of harm of a held entry the rules leave unnamed (`SafeguardingCategory.decide`:
/// no harm word of the lexicon, no plain word of one kind), from the words of the project's own
/// disclosures whose heading names their kind (`disclosures.txt`, `[kind: …]`): logistic
/// regression over the themes' features, one class per kind. Why only then: the rules say why
/// (a harm, whose, from whom) and were checked kind by kind; the model only says what the entry
/// resembles, so it speaks where the rules are silent, and only when it is about as sure as the
/// rules are right (`floor`). An entry it is unsure of stays «chưa rõ loại — đọc kỹ lời em viết».
public struct SafeguardingKindModel: Sendable {
    /// Least probability of the model's kind for it to be named. Chosen by 5-fold cross-validation
    /// on those disclosures (`tiengnoi classify --safeguarding-cv`, "kinds" lines): the lowest
    /// floor at which the kinds the model names for entries the rules leave unnamed are right at
    /// least as often as the rules' own names are (docs/safeguarding-detector.md).
    public static let floor = 0.5

    private let vocabulary: FeatureVocabulary
    private let regression: MultinomialLogisticRegression

    init(_ examples: [(text: String, kind: SafeguardingCategory)]) {
        var vocabulary = FeatureVocabulary()
        let kinds = SafeguardingCategory.allCases
        let numbered = examples.map { example in
            FeatureCounts.Example(
                features: vocabulary.addFeatures(of: VietnameseText(example.text)),
                theme: kinds.firstIndex(of: example.kind)!, weight: 1)
        }
        self.vocabulary = vocabulary
        regression = MultinomialLogisticRegression(numbered, featureCount: vocabulary.count, themeCount: kinds.count)
    }

    /// The bundled disclosures with a kind.
    static func bundled() throws -> SafeguardingKindModel {
        SafeguardingKindModel(try BundledSafeguardingEntries.disclosuresByKind())
    }

    /// The most likely kind and its probability.
    func likeliest(_ text: VietnameseText) -> (kind: SafeguardingCategory, probability: Double) {
        let probabilities = regression.probabilities(vocabulary.features(of: text))
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
        return (SafeguardingCategory.allCases[best], probabilities[best])
    }

    /// The kind when the model is at least `floor` sure of it; nil otherwise.
    func kind(of text: VietnameseText) -> SafeguardingCategory? {
        let (kind, probability) = likeliest(text)
        return probability >= Self.floor ? kind : nil
    }
}
