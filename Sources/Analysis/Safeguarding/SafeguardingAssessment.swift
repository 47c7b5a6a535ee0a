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

    public init(flagged: Bool, score: Double, reasons: [SafeguardingReason]) {
        self.flagged = flagged
        self.score = score
        self.reasons = reasons
    }
}
