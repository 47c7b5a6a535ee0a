/// What the detector makes of one entry. Holds no text: it can be stored, counted and shown to
/// staff without repeating what the child wrote.
public struct SafeguardingAssessment: Sendable, Hashable {
    /// The entry should go to a person with the safeguarding permission, not into any summary.
    public let flagged: Bool
    /// The statistical model's probability, 0–1, that the entry is a disclosure; for ordering a
    /// queue. A lexicon rule can flag an entry whatever this is.
    public let score: Double
    /// The rules that flagged it, strongest first; empty when not flagged.
    public let reasons: [SafeguardingReason]

    /// The kind of harm, for the officer: nil when not flagged or when nothing names one.
    public let category: SafeguardingCategory?
    /// The kind model named the category, the rules did not: it is what the entry resembles, and
    /// the officer is told so.
    public let categoryGuessed: Bool

    public init(
        flagged: Bool, score: Double, reasons: [SafeguardingReason], category: SafeguardingCategory? = nil,
        categoryGuessed: Bool = false
    ) {
        self.flagged = flagged
        self.score = score
        self.reasons = reasons
        self.category = category
        self.categoryGuessed = category != nil && categoryGuessed
    }

    /// What is stored for a held entry: its category's code first (then `kind_guess` when the kind
    /// model named it), then its reasons' codes.
    public var codes: [String] {
        (category.map { [$0.code] + (categoryGuessed ? [SafeguardingCategory.guessCode] : []) } ?? []) + reasons.map(\.code)
    }
}
