import Foundation

/// Logistic regression over the themes (softmax), on the same binary features as the naive Bayes
/// model, trained by stochastic gradient descent with Adagrad step sizes and L2 shrinkage of the
/// weights a step touches, as `BinaryLogisticRegression` is. Why a second model: naive Bayes
/// counts every word as independent evidence, so one topical word ("game", "phim") outvotes the
/// rest of an ordinary entry; a discriminative model weighs words by how much they tell apart
/// given the others. Their errors differ, and the average of the two is right more often than
/// either (ThemeClassifier; `tiengnoi classify --themes-cv`).
struct MultinomialLogisticRegression: Sendable {
    /// Chosen with the theme classifier's cross-validation and the grouping calibration set
    /// (ThemeClassifier): among 5–40 passes, steps 0.03–1 and shrinkage 10⁻⁵–10⁻⁴, steps of 0.1
    /// or less formed a plateau (macro-F1 0.865–0.870 cross-validated); 0.3 and 1 fell below it.
    /// Ten passes is the cheapest setting in its middle.
    struct Settings: Sendable, Hashable {
        var epochs = 10
        /// Adagrad's base step.
        var learningRate = 0.1
        /// Shrinkage per step.
        var l2 = 3e-5
    }

    let themeCount: Int
    /// Feature-major: `weights[feature * themeCount + theme]`.
    private let weights: [Double]
    private let bias: [Double]
    private let trained: [Bool]

    /// Each theme's examples weigh alike in total (balanced), so a small theme is not drowned.
    init(_ examples: [FeatureCounts.Example], featureCount: Int, themeCount: Int, settings: Settings = Settings()) {
        self.themeCount = themeCount
        var totals = [Double](repeating: 0, count: themeCount)
        for example in examples { totals[example.theme] += example.weight }
        let trained = totals.map { $0 > 0 }
        let trainedCount = Double(trained.filter { $0 }.count)
        let all = totals.reduce(0, +)
        let balance = totals.map { $0 > 0 ? all / (trainedCount * $0) : 0 }

        var weights = [Double](repeating: 0, count: featureCount * themeCount)
        var squared = [Double](repeating: 1e-8, count: featureCount * themeCount)
        var bias = [Double](repeating: 0, count: themeCount)
        var biasSquared = [Double](repeating: 1e-8, count: themeCount)
        var probability = [Double](repeating: 0, count: themeCount)
        var order = Array(examples.indices)
        var shuffle = FixedShuffle()
        // Raw buffers: this loop runs tens of millions of times, and in a debug build (the tests)
        // checked array access made training a few seconds per model.
        weights.withUnsafeMutableBufferPointer { weights in
            squared.withUnsafeMutableBufferPointer { squared in
                for _ in 0..<settings.epochs {
                    shuffle.shuffle(&order)
                    for index in order {
                        let example = examples[index]
                        Self.probabilities(example.features, UnsafeBufferPointer(weights), bias, trained, into: &probability)
                        let scale = example.weight * balance[example.theme]
                        for theme in 0..<themeCount where trained[theme] {
                            let gradient = (probability[theme] - (theme == example.theme ? 1 : 0)) * scale
                            for feature in example.features {
                                let slot = Int(feature) * themeCount + theme
                                let step = gradient + settings.l2 * weights[slot]
                                squared[slot] += step * step
                                weights[slot] -= settings.learningRate * step / squared[slot].squareRoot()
                            }
                            biasSquared[theme] += gradient * gradient
                            bias[theme] -= settings.learningRate * gradient / biasSquared[theme].squareRoot()
                        }
                    }
                }
            }
        }
        self.weights = weights
        self.bias = bias
        self.trained = trained
    }

    /// One probability per theme, summing to 1; 0 for a theme without examples.
    func probabilities(_ features: [Int32]) -> [Double] {
        var probability = [Double](repeating: 0, count: themeCount)
        weights.withUnsafeBufferPointer { weights in
            Self.probabilities(features, weights, bias, trained, into: &probability)
        }
        return probability
    }

    private static func probabilities(
        _ features: [Int32], _ weights: UnsafeBufferPointer<Double>, _ bias: [Double], _ trained: [Bool],
        into probability: inout [Double]
    ) {
        let themes = bias.count
        var top = -Double.infinity
        for theme in 0..<themes {
            guard trained[theme] else { continue }
            var score = bias[theme]
            for feature in features { score += weights[Int(feature) * themes + theme] }
            probability[theme] = score
            top = max(top, score)
        }
        var total = 0.0
        for theme in 0..<themes {
            probability[theme] = trained[theme] ? exp(probability[theme] - top) : 0
            total += probability[theme]
        }
        for theme in 0..<themes { probability[theme] /= total }
    }
}
