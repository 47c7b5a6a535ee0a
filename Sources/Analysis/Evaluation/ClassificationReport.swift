/// How well predicted themes match the themes people gave: per-theme precision, recall and F1,
/// the confusion matrix, macro-F1 and accuracy.
public struct ClassificationReport: Sendable, Hashable {
    public struct ThemeScore: Sendable, Hashable {
        public let theme: String
        public let precision: Double
        public let recall: Double
        public let f1: Double
        /// Entries whose true theme is this one.
        public let support: Int
    }

    /// Row and column order of `confusion`: the given themes, then any other code met in the outcomes.
    public let themes: [String]
    /// `confusion[truth][predicted]`: how many entries of theme `truth` were predicted as `predicted`.
    public let confusion: [[Int]]

    public init(themes: [String], outcomes: [(truth: String, predicted: String)]) {
        var order = themes
        var index = Dictionary(themes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ theme: String) -> Int {
            if let known = index[theme] { return known }
            index[theme] = order.count
            order.append(theme)
            return order.count - 1
        }
        var pairs: [(Int, Int)] = []
        for outcome in outcomes { pairs.append((position(outcome.truth), position(outcome.predicted))) }
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: order.count), count: order.count)
        for (truth, predicted) in pairs { confusion[truth][predicted] += 1 }
        self.themes = order
        self.confusion = confusion
    }

    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    public var correct: Int { themes.indices.reduce(0) { $0 + confusion[$1][$1] } }

    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    /// Precision or recall with nothing to divide by counts as 0, as scikit-learn does.
    public var perTheme: [ThemeScore] {
        themes.indices.map { theme in
            let truePositives = Double(confusion[theme][theme])
            let predicted = Double(themes.indices.reduce(0) { $0 + confusion[$1][theme] })
            let actual = confusion[theme].reduce(0, +)
            let precision = predicted == 0 ? 0 : truePositives / predicted
            let recall = actual == 0 ? 0 : truePositives / Double(actual)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ThemeScore(theme: themes[theme], precision: precision, recall: recall, f1: f1, support: actual)
        }
    }

    /// The mean F1 over themes that occur as a true or a predicted theme. A theme that is neither
    /// has no F1 to speak of (a small subset may lack a theme) and is left out rather than counted as 0.
    public var macroF1: Double {
        let scores = perTheme.enumerated().filter { index, score in
            score.support > 0 || themes.indices.contains { confusion[$0][index] > 0 }
        }
        guard !scores.isEmpty else { return 0 }
        return scores.reduce(0) { $0 + $1.element.f1 } / Double(scores.count)
    }
}
