import Foundation

/// A statistical reader of disclosures, trained on the bundled disclosures against the bundled
/// non-disclosures and everyday entries. Its features are those of the theme classifier (folded
/// syllables, syllable pairs, accented syllables) and the lexicon's cues (a writer harmed, fear, a
/// secret, a sign that it is over), so it learns how much each cue is worth where the lexicon's
/// own rules are unsure. It catches what the lexicon's grammar misses and weighs the lexicon's
/// uncertain findings.
struct DisclosureModel: Sendable {
    /// How much a disclosure counts against an everyday entry in training. Disclosures are one
    /// in fifteen examples; weights 1 and 2 cross-validated alike, so the thresholds, not the
    /// weights, carry the preference for recall.
    static let disclosureWeight = 1.0

    private let vocabulary: FeatureVocabulary
    private let model: BinaryLogisticRegression

    init(
        disclosures: [String], notDisclosures: [String], everyday: [String] = [], lexicon: DisclosureLexicon,
        settings: BinaryLogisticRegression.Settings = .init()
    ) {
        var vocabulary = FeatureVocabulary()
        var examples: [BinaryLogisticRegression.Example] = []
        for (texts, label) in [(disclosures, true), (notDisclosures + everyday, false)] {
            for entry in texts {
                let text = VietnameseText(entry)
                let words = vocabulary.addFeatures(of: text)
                guard !words.isEmpty else { continue }
                let features = Self.features(words: words, findings: lexicon.findings(in: text, names: CapitalisedWords.keys(in: entry)))
                examples.append(.init(features: features, label: label, weight: label ? Self.disclosureWeight : 1))
            }
        }
        self.vocabulary = vocabulary
        model = BinaryLogisticRegression(examples, featureCount: LexiconFeature.count + vocabulary.count, settings: settings)
    }

    /// The probability that the text is a disclosure; 0 for words the model has never seen (the
    /// lexicon's certain findings still flag them).
    func probability(_ text: VietnameseText, findings: DisclosureLexicon.Findings) -> Double {
        let words = vocabulary.features(of: text)
        guard !words.isEmpty else { return 0 }
        return model.probability(Self.features(words: words, findings: findings))
    }

    private static func features(words: [Int32], findings: DisclosureLexicon.Findings) -> [Int32] {
        LexiconFeature.of(findings) + words.map { $0 + Int32(LexiconFeature.count) }
    }
}

/// The lexicon's evidence as model features, numbered before the word features: one per cue,
/// then one per kind of finding.
enum LexiconFeature {
    private static let cueCount = DisclosureCue.allCases.count
    private static let certain = cueCount, possible = cueCount + 1
    private static let victims: [SafeguardingVictim: Int] = [.writer: cueCount + 2, .otherChild: cueCount + 3, .household: cueCount + 4]
    private static let selfHarm = cueCount + 5
    /// One feature per guard that demoted a harm, numbered by the guard's cue.
    private static let demoted = cueCount + 6
    static let count = demoted + cueCount

    static func of(_ findings: DisclosureLexicon.Findings) -> [Int32] {
        var ids: [Int32] = []
        for cue in DisclosureCue.allCases where cue.isIn(findings.cues) { ids.append(Int32(cue.rawValue)) }
        for cue in DisclosureCue.allCases where cue.isIn(findings.demotedBy) { ids.append(Int32(demoted + Int(cue.rawValue))) }
        if !findings.certain.isEmpty { ids.append(Int32(certain)) }
        if !findings.possible.isEmpty { ids.append(Int32(possible)) }
        var seen = Set<Int>()
        for reason in findings.certain + findings.possible {
            switch reason {
            case let .harm(_, victim): if let id = victims[victim], seen.insert(id).inserted { ids.append(Int32(id)) }
            case .selfHarm: if seen.insert(selfHarm).inserted { ids.append(Int32(selfHarm)) }
            default: break
            }
        }
        return ids
    }
}
