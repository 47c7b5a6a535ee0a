/// Flags an entry in which a child says that they, or a specific other child, are being harmed
/// now: beaten, sexually abused, threatened or extorted, made to work or kept from school,
/// starved or locked up, bullied, or thinking of suicide or self-harm. Such an entry must reach a
/// person, so the detector is tuned for recall: a false alarm costs a staff member a minute, a
/// miss may cost a child.
///
/// Two readers, combined:
/// - `DisclosureLexicon` finds the grammar of a disclosure in folded text and says which harm
///   and whose; its certain findings flag on their own;
/// - `DisclosureModel` (logistic regression on the bundled disclosures, non-disclosures and
///   everyday entries, over words and the lexicon's cues) flags what it leans to, and confirms
///   the lexicon's uncertain findings at a lower bar.
///
/// A held entry's kind of harm: `SafeguardingCategory`'s rules on the cues, then, where they name
/// none, `SafeguardingKindModel` when it is sure. The kind never decides whether an entry is held.
///
/// Trained when created (about 0.3 s in a release build); assessing a short entry costs about
/// 10 µs, so it runs at ingest on every submission. It never logs or keeps the text, and its
/// assessment holds none: only a flag, a score and the rules that fired.
public struct SafeguardingDetector: Sendable {
    public struct Thresholds: Sendable, Hashable {
        /// The model alone flags at or above this probability.
        public var model: Double
        /// The model confirms an uncertain lexicon finding at or above this probability.
        public var confirmation: Double

        public init(model: Double, confirmation: Double) {
            self.model = model
            self.confirmation = confirmation
        }

        /// Chosen by `SafeguardingCrossValidation.chosenThresholds()` on 5-fold cross-validation of
        /// the bundled examples, never the dev set: the highest recall whose expected precision in
        /// a school's mix stays at or above 0.6. Cross-validated with the short-entry rule below,
        /// after issue 18's second round of examples (every category) and the `danger` cue:
        /// recall 0.959 (699 of 729 disclosures), expected precision 0.60 (see
        /// docs/safeguarding-detector.md). The model's probabilities run low, so these thresholds
        /// are far below one half.
        public static let tuned = Thresholds(model: 0.05, confirmation: 0.02)
    }

    /// When the child says it is over and dealt with (thầy đã xử lý, từ đó không còn nữa), the
    /// model alone flags only at this probability: an explicit ending outweighs a hunch.
    static let resolvedModelThreshold = 0.5
    /// Below this many syllables, and with no cue of harm at all, the model alone does not flag:
    /// on a few words ("Thêm một ý kiến") its probability is mostly its prior, not evidence.
    static let modelAloneMinimumSyllables = 9
    /// Cues that speak of a harm or of fear (not who is speaking, nor idioms).
    static let harmEvidence: UInt64 = DisclosureCue.allCases
        .filter {
            ($0.rawValue >= DisclosureCue.violence.rawValue && $0.rawValue <= DisclosureCue.veiled.rawValue)
                || $0 == .distress
        }
        .reduce(0) { $0 | (1 << UInt64($1.rawValue)) }

    public let thresholds: Thresholds
    private let lexicon: DisclosureLexicon
    private let model: DisclosureModel
    /// Names the kind of a held entry the rules leave unnamed; nil to see the rules alone.
    private var kinds: SafeguardingKindModel?

    public init() throws {
        try self.init(thresholds: .tuned)
    }

    public init(thresholds: Thresholds) throws {
        let lexicon = DisclosureLexicon()
        self.init(
            lexicon: lexicon,
            model: DisclosureModel(
                disclosures: try BundledSafeguardingEntries.disclosures()
                    + BundledSafeguardingEntries.themeDisclosures(),
                notDisclosures: try BundledSafeguardingEntries.notDisclosures(),
                everyday: try BundledSafeguardingEntries.everydayEntries().flatMap(\.entries),
                lexicon: lexicon),
            thresholds: thresholds, kinds: try SafeguardingKindModel.bundled())
    }

    init(lexicon: DisclosureLexicon, model: DisclosureModel, thresholds: Thresholds, kinds: SafeguardingKindModel? = nil) {
        self.lexicon = lexicon
        self.model = model
        self.thresholds = thresholds
        self.kinds = kinds
    }

    /// The same detector naming kinds by its rules alone (cross-validation of the kind model).
    func namingKindsByRulesOnly() -> SafeguardingDetector {
        var detector = self
        detector.kinds = nil
        return detector
    }

    public func assess(_ text: String) -> SafeguardingAssessment {
        assess(VietnameseText(text), names: CapitalisedWords.keys(in: text))
    }

    /// For text already read; without the original capitals "bạn Hoa" is not known for a name.
    public func assess(_ text: VietnameseText) -> SafeguardingAssessment {
        assess(text, names: [])
    }

    private func assess(_ text: VietnameseText, names: Set<UInt64>) -> SafeguardingAssessment {
        let findings = lexicon.findings(in: text, names: names)
        let assessment = Self.decide(
            findings, probability: model.probability(text, findings: findings), thresholds: thresholds,
            syllables: text.tokens.count)  // not foldedTokens: that builds a String per syllable on every entry
        guard assessment.flagged else { return assessment }
        // Only for an entry held: whether it happens online names its category, never holds it.
        let reasons = assessment.reasons + (OnlineMentions.found(in: text) ? [.online] : [])
        if let category = SafeguardingCategory.decide(reasons: reasons, cues: findings.cues, words: CategoryWords.found(in: text)) {
            return SafeguardingAssessment(flagged: true, score: assessment.score, reasons: reasons, category: category)
        }
        return SafeguardingAssessment(
            flagged: true, score: assessment.score, reasons: reasons, category: kinds?.kind(of: text), categoryGuessed: true)
    }

    /// Certain lexicon findings flag alone; uncertain ones when the model confirms them; the model
    /// alone when it is sure. Separate so cross-validation can try thresholds on stored evidence.
    static func decide(
        _ findings: DisclosureLexicon.Findings, probability: Double, thresholds: Thresholds,
        syllables: Int = .max
    ) -> SafeguardingAssessment {
        var reasons = findings.certain
        if probability >= thresholds.confirmation, !findings.resolved { reasons += findings.possible }
        let evidence = findings.cues & harmEvidence != 0 || syllables >= modelAloneMinimumSyllables
        if evidence, probability >= (findings.resolved ? max(thresholds.model, resolvedModelThreshold) : thresholds.model) {
            // The danger cue is what the model went on: the officer reads it as the cue.
            if DisclosureCue.danger.isIn(findings.cues) { reasons.append(.danger) }
            reasons.append(.model)
        }
        return SafeguardingAssessment(flagged: !reasons.isEmpty, score: probability, reasons: reasons)
    }
}
