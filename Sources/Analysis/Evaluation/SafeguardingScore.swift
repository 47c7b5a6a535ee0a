/// How the safeguarding detector did against people's judgement: recall is the share of real
/// disclosures flagged (the figure that matters), precision the share of flagged entries that were
/// disclosures (the staff's workload).
public struct SafeguardingScore: Sendable, Hashable {
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    public private(set) var trueNegatives = 0

    public init() {}

    public init(outcomes: [(truth: Bool, flagged: Bool)]) {
        for outcome in outcomes { add(truth: outcome.truth, flagged: outcome.flagged) }
    }

    public mutating func add(truth: Bool, flagged: Bool) {
        switch (truth, flagged) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var count: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    public var positives: Int { truePositives + falseNegatives }
    public var flagged: Int { truePositives + falsePositives }

    /// 1 when there was nothing to find, so an evaluation file without disclosures reads as "none missed".
    public var recall: Double { positives == 0 ? 1 : Double(truePositives) / Double(positives) }
    /// 1 when nothing was flagged: no staff time was wasted.
    public var precision: Double { flagged == 0 ? 1 : Double(truePositives) / Double(flagged) }
    /// The share of non-disclosures flagged.
    public var falseAlarmRate: Double {
        let negatives = falsePositives + trueNegatives
        return negatives == 0 ? 0 : Double(falsePositives) / Double(negatives)
    }

    /// The line `tiengnoi classify --eval` prints and scripts parse:
    /// "safeguarding recall=0.9167 precision=0.7857".
    public var evaluationLine: String {
        "safeguarding recall=\(Self.decimal(recall)) precision=\(Self.decimal(precision))"
    }

    /// Four decimals, rounded, without Foundation's locale-dependent formatting.
    static func decimal(_ value: Double) -> String {
        let scaled = Int((min(max(value, 0), 1) * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// The precision to expect where only `share` of entries are disclosures, from this recall and
    /// false-alarm rate. Cross-validation on the bundled examples (four in ten disclosures) reads
    /// far better than a school's real mix would.
    public func precision(atDisclosureShare share: Double) -> Double {
        let found = recall * share, alarms = falseAlarmRate * (1 - share)
        return found + alarms == 0 ? 1 : found / (found + alarms)
    }
}
