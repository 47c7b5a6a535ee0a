/// Weighted counts of binary features per theme: what both naive Bayes models are built from.
struct FeatureCounts {
    struct Example {
        var features: [Int32]
        var theme: Int
        var weight: Double
    }

    let featureCount: Int
    let themeCount: Int
    /// Feature-major: `perTheme[feature * themeCount + theme]`.
    private(set) var perTheme: [Double]
    private(set) var perFeature: [Double]
    /// Feature occurrences per theme, summed over its examples.
    private(set) var themeTotals: [Double]

    init(examples: [Example], featureCount: Int, themeCount: Int) {
        self.featureCount = featureCount
        self.themeCount = themeCount
        perTheme = [Double](repeating: 0, count: featureCount * themeCount)
        perFeature = [Double](repeating: 0, count: featureCount)
        themeTotals = [Double](repeating: 0, count: themeCount)
        for example in examples {
            themeTotals[example.theme] += example.weight * Double(example.features.count)
            for feature in example.features {
                perTheme[Int(feature) * themeCount + example.theme] += example.weight
                perFeature[Int(feature)] += example.weight
            }
        }
    }

    var total: Double { themeTotals.reduce(0, +) }

    func count(_ feature: Int, _ theme: Int) -> Double { perTheme[feature * themeCount + theme] }
}
