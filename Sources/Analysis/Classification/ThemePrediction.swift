/// What the classifier thinks one text is about.
public struct ThemePrediction: Sendable, Hashable {
    /// The most likely theme code of the form.
    public let theme: String
    /// The probability of `theme`, between 0 and 1.
    public let confidence: Double
    /// A probability for every theme code of the form; they sum to 1.
    public let scores: [String: Double]

    public init(theme: String, confidence: Double, scores: [String: Double]) {
        self.theme = theme
        self.confidence = confidence
        self.scores = scores
    }

    /// Too unsure to file without a person looking at it.
    public var needsReview: Bool { confidence < ThemeClassifier.needsReviewThreshold }
}
