/// The safeguarding detector measured on its own bundled examples without testing on what it
/// learnt: the examples are split into folds, the model is trained on all folds but one and
/// reads the one left out. The lexicon is fixed, but was written by people who had read the
/// examples, so its share of the figures flatters it; the dev set is the fairer check.
///
/// Kinds of example are kept apart in the figures, because a school's mix is mostly everyday
/// entries and the bundled files are not: disclosures written for the detector, disclosures found
/// in the theme files, hard non-disclosures (the same topics as opinions, questions, past events,
/// news), theme lines about violence and child labour, and theme lines about everything else.
///
/// Used to choose `SafeguardingDetector.Thresholds.tuned`, never the dev set.
public struct SafeguardingCrossValidation: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case disclosure, themeDisclosure, hardNegative, onTopic, everyday

        public var isDisclosure: Bool { self == .disclosure || self == .themeDisclosure }
    }

    struct Outcome: Sendable {
        let kind: Kind
        let findings: DisclosureLexicon.Findings
        let probability: Double
        let syllables: Int
    }

    public let folds: Int
    let outcomes: [Outcome]
    /// The same held-out entries with every mark removed and their capitals kept (a child typing
    /// without Vietnamese input still writes a friend's name with a capital), read by the same models.
    let outcomesWithoutMarks: [Outcome]

    public init(folds: Int = 5) throws {
        self.folds = folds
        var examples: [(Kind, [String])] = [
            (.disclosure, try BundledSafeguardingEntries.disclosures()),
            (.themeDisclosure, try BundledSafeguardingEntries.themeDisclosures()),
            (.hardNegative, try BundledSafeguardingEntries.notDisclosures()),
        ]
        for (theme, entries) in try BundledSafeguardingEntries.everydayEntries() {
            examples.append((BundledSafeguardingEntries.themesNearDisclosures.contains(theme) ? .onTopic : .everyday, entries))
        }
        let lexicon = DisclosureLexicon()
        // Stratified: every fold gets its share of each file, in file order (which groups entries
        // by topic, so each topic is spread over the folds).
        var outcomes: [Outcome] = [], withoutMarks: [Outcome] = []
        for fold in 0..<folds {
            var positives: [String] = [], hard: [String] = [], everyday: [String] = []
            var test: [(Kind, String)] = []
            for (kind, entries) in examples {
                for (index, entry) in entries.enumerated() {
                    if index % folds == fold {
                        test.append((kind, entry))
                    } else if kind.isDisclosure {
                        positives.append(entry)
                    } else if kind == .hardNegative {
                        hard.append(entry)
                    } else {
                        everyday.append(entry)
                    }
                }
            }
            let model = DisclosureModel(disclosures: positives, notDisclosures: hard, everyday: everyday, lexicon: lexicon)
            func outcome(_ kind: Kind, _ entry: String) -> Outcome {
                let text = VietnameseText(entry)
                let findings = lexicon.findings(in: text, names: CapitalisedWords.keys(in: entry))
                return Outcome(
                    kind: kind, findings: findings, probability: model.probability(text, findings: findings),
                    syllables: text.foldedTokens.count)
            }
            for (kind, entry) in test {
                outcomes.append(outcome(kind, entry))
                withoutMarks.append(outcome(kind, VietnameseText.fold(entry, keepingCase: true)))
            }
        }
        self.outcomes = outcomes
        self.outcomesWithoutMarks = withoutMarks
    }

    /// Recall and precision over the given kinds with these thresholds.
    public func score(_ thresholds: SafeguardingDetector.Thresholds, kinds: Set<Kind> = Set(Kind.allCases)) -> SafeguardingScore {
        score(kinds, flaggedAt: thresholds)
    }

    /// Recall and precision with these thresholds when every entry is written without marks.
    public func scoreWithoutMarks(_ thresholds: SafeguardingDetector.Thresholds, kinds: Set<Kind> = Set(Kind.allCases)) -> SafeguardingScore {
        score(kinds, of: outcomesWithoutMarks, flaggedAt: thresholds)
    }

    /// The lexicon's certain findings alone.
    public func lexiconOnly(kinds: Set<Kind> = Set(Kind.allCases)) -> SafeguardingScore {
        score(kinds) { !$0.findings.certain.isEmpty }
    }

    /// The share of disclosures among real entries assumed by `expectedPrecision`: one in
    /// twenty-five (the dev set has 12 in 300).
    public static let disclosureShare = 0.04
    /// The share of non-disclosures about violence or child labour (two of the six themes); half
    /// of those are taken to be as hard as `not_disclosures.txt`, half like the theme lines.
    public static let onTopicShare = 1.0 / 3
    /// The thresholds tried when choosing: the model's confidence runs low on short entries, so
    /// the grid goes far below one half.
    public static let modelGrid = [0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 0.9, 1.01]
    public static let confirmationGrid = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.01]
    /// The rule: the highest cross-validated recall whose expected precision stays at or above
    /// this, well clear of the target's 0.5 because the mix is an estimate; ties go to precision.
    public static let minimumExpectedPrecision = 0.6

    /// The precision to expect in a school's mix (see `disclosureShare`, `onTopicShare`) from the
    /// cross-validated recall and the false-alarm rate of each kind of non-disclosure.
    public func expectedPrecision(_ thresholds: SafeguardingDetector.Thresholds) -> Double {
        let hard = score(thresholds, kinds: [.hardNegative]).falseAlarmRate
        let onTopic = score(thresholds, kinds: [.onTopic]).falseAlarmRate
        let everyday = score(thresholds, kinds: [.everyday]).falseAlarmRate
        let alarms = Self.onTopicShare * (hard + onTopic) / 2 + (1 - Self.onTopicShare) * everyday
        let found = score(thresholds, kinds: [.disclosure, .themeDisclosure]).recall * Self.disclosureShare
        return found + alarms == 0 ? 1 : found / (found + alarms * (1 - Self.disclosureShare))
    }

    /// The grid's thresholds chosen by the rule (see `minimumExpectedPrecision`).
    public func chosenThresholds() -> SafeguardingDetector.Thresholds? {
        var best: (thresholds: SafeguardingDetector.Thresholds, recall: Double, precision: Double)?
        for model in Self.modelGrid {
            for confirmation in Self.confirmationGrid where confirmation <= model {
                let thresholds = SafeguardingDetector.Thresholds(model: model, confirmation: confirmation)
                let precision = expectedPrecision(thresholds)
                guard precision >= Self.minimumExpectedPrecision else { continue }
                let recall = score(thresholds, kinds: [.disclosure, .themeDisclosure]).recall
                if best == nil || recall > best!.recall || (recall == best!.recall && precision > best!.precision) {
                    best = (thresholds, recall, precision)
                }
            }
        }
        return best?.thresholds
    }

    /// The model alone at a threshold.
    public func modelOnly(_ threshold: Double, kinds: Set<Kind> = Set(Kind.allCases)) -> SafeguardingScore {
        score(kinds) { $0.probability >= threshold }
    }

    private func score(_ kinds: Set<Kind>, of outcomes: [Outcome]? = nil, flaggedAt thresholds: SafeguardingDetector.Thresholds) -> SafeguardingScore {
        score(kinds, of: outcomes) {
            SafeguardingDetector.decide($0.findings, probability: $0.probability, thresholds: thresholds, syllables: $0.syllables).flagged
        }
    }

    private func score(_ kinds: Set<Kind>, of outcomes: [Outcome]? = nil, _ flagged: (Outcome) -> Bool) -> SafeguardingScore {
        SafeguardingScore(outcomes: (outcomes ?? self.outcomes).filter { kinds.contains($0.kind) }.map { ($0.kind.isDisclosure, flagged($0)) })
    }
}
