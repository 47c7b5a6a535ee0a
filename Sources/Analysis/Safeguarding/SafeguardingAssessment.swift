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

    public init(flagged: Bool, score: Double, reasons: [SafeguardingReason], category: SafeguardingCategory? = nil) {
        self.flagged = flagged
        self.score = score
        self.reasons = reasons
        self.category = category
    }

    /// What is stored for a held entry: its category's code first, then its reasons' codes.
    public var codes: [String] {
        (category.map { [$0.code] } ?? []) + reasons.map(\.code)
    }
}
