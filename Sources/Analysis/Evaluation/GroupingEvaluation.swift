/// How issue grouping did against people's judgement, counted over pairs of entries: recall is the
/// share of pairs people put in one group that landed in one issue (a split issue is a question
/// answered twice), precision the share of pairs placed in one issue that people put in one group
/// (a merged issue answers one child with another child's answer). Entries with no group are
/// singletons: any pair with one of them is a wrong pair.
public struct GroupingEvaluation: Sendable {
    public struct Entry: Sendable {
        public var text: String
        /// People's group; nil for an entry that asks for something nobody else asks for.
        public var group: String?
        /// The theme the issue is sought in.
        public var theme: String

        public init(text: String, group: String?, theme: String) {
            self.text = text
            self.group = group
            self.theme = theme
        }
    }

    public private(set) var goldPairs = 0
    public private(set) var placedPairs = 0
    public private(set) var correctPairs = 0
    public private(set) var issues = 0
    public private(set) var entries = 0

    public var recall: Double { goldPairs == 0 ? 1 : Double(correctPairs) / Double(goldPairs) }
    public var precision: Double { placedPairs == 0 ? 1 : Double(correctPairs) / Double(placedPairs) }

    /// Places the entries in file order, as the analysis pass would, into a fresh index.
    public init(_ entries: [Entry], weighting: TermWeighting, joinThreshold: Double = IssueIndex.joinThreshold) {
        var index = IssueIndex(joinThreshold: joinThreshold)
        let placed = entries.map { entry in
            index.place(vector: weighting.vector(VietnameseText(entry.text)), theme: entry.theme, text: entry.text, participants: 1)
        }
        self.init(placed: placed, groups: entries.map(\.group))
    }

    /// Scores an assignment of entries to issues against people's groups.
    public init(placed: [String], groups: [String?]) {
        func pairs(_ count: Int) -> Int { count * (count - 1) / 2 }
        entries = placed.count
        var byIssue: [String: Int] = [:]
        var byGroup: [String: Int] = [:]
        var both: [String: Int] = [:]
        for (issue, group) in zip(placed, groups) {
            byIssue[issue, default: 0] += 1
            guard let group else { continue }
            byGroup[group, default: 0] += 1
            both[issue + "\u{1F}" + group, default: 0] += 1
        }
        issues = byIssue.count
        placedPairs = byIssue.values.reduce(0) { $0 + pairs($1) }
        goldPairs = byGroup.values.reduce(0) { $0 + pairs($1) }
        correctPairs = both.values.reduce(0) { $0 + pairs($1) }
    }

    /// The line `tiengnoi issues --eval` prints and scripts parse.
    public var line: String {
        "grouping pairwise_recall=\(Self.format(recall)) pairwise_precision=\(Self.format(precision))"
            + " issues=\(issues) entries=\(entries) pairs=\(correctPairs)/\(goldPairs)"
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 10_000
        return String(describing: scaled)
    }
}
