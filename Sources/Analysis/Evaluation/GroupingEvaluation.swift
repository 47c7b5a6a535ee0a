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
    /// With an officer's review of the marked entries: how many were marked as unlike the rest of
    /// their issue, of how many in issues of more than one entry, and how many were split out.
    public private(set) var marked = 0
    public private(set) var sharing = 0
    public private(set) var splitOut = 0

    public var recall: Double { goldPairs == 0 ? 1 : Double(correctPairs) / Double(goldPairs) }
    public var precision: Double { placedPairs == 0 ? 1 : Double(correctPairs) / Double(placedPairs) }

    /// Places the entries in file order, as the analysis pass would, into a fresh index.
    public init(_ entries: [Entry], weighting: TermWeighting, joinThreshold: Double = IssueIndex.joinThreshold) {
        let (_, placed) = Self.place(entries, weighting: weighting, joinThreshold: joinThreshold)
        self.init(placed: placed, groups: entries.map(\.group))
    }

    /// The same placement, then an officer's review: issues are opened largest first, and each is
    /// merged into those of its first `shown` merge suggestions (`IssueIndex.suggestions`) that ask
    /// the same thing — what people grouped; a person reads both issues, so a wrong suggestion is
    /// never taken. Measures how far the suggestions mend split issues, not the grouping itself.
    /// With `splitBelow`, the officer first splits out the entries the page marks (`split`).
    public init(
        reviewing entries: [Entry], weighting: TermWeighting, shown: Int, splitBelow: Double? = nil,
        joinThreshold: Double = IssueIndex.joinThreshold
    ) {
        var (index, placed) = Self.place(entries, weighting: weighting, joinThreshold: joinThreshold)
        var review = (marked: 0, sharing: 0, splitOut: 0)
        if let splitBelow {
            (index, placed, review) = Self.split(entries, placed: placed, index: index, weighting: weighting, below: splitBelow)
        }
        // The group most of an issue's entries belong to; nil when most are singletons.
        var votes: [String: [String?: Int]] = [:]
        for (issue, group) in zip(placed, entries.map(\.group)) { votes[issue, default: [:]][group, default: 0] += 1 }
        let asks = votes.mapValues { counts in counts.max { ($0.value, $1.key ?? "") < ($1.value, $0.key ?? "") }!.key }
        var parent: [String: String] = [:]
        func root(_ id: String) -> String {
            var id = id
            while let next = parent[id], next != id { id = next }
            return id
        }
        let opened = index.issues.values.sorted { ($0.entries, $1.id) > ($1.entries, $0.id) }
        for issue in opened {
            guard let ask = asks[issue.id] ?? nil else { continue }
            for suggestion in index.suggestions(for: issue.id, limit: shown) where asks[suggestion.id] == ask {
                let (a, b) = (root(issue.id), root(suggestion.id))
                if a != b { parent[b] = a }
            }
        }
        self.init(placed: placed.map(root), groups: entries.map(\.group))
        (marked, sharing, splitOut) = review
    }

    /// The officer's first look at each issue: its members whose fit with the others
    /// (`MemberFit`) is below `below` are marked; those people did not group with the issue's
    /// request are split out, those asking the same thing together (a person reads them; a marked
    /// entry that does belong stays). Centres of changed issues are rebuilt from their members.
    private static func split(
        _ entries: [Entry], placed: [String], index: IssueIndex, weighting: TermWeighting, below: Double
    ) -> (IssueIndex, [String], (marked: Int, sharing: Int, splitOut: Int)) {
        var members: [String: [Int]] = [:]
        for (position, issue) in placed.enumerated() { members[issue, default: []].append(position) }
        let vectors = entries.map { weighting.vector(VietnameseText($0.text)) }
        var placed = placed
        var marked = 0, sharing = 0, splitOut = 0
        var changed: Set<String> = []
        for (issue, positions) in members where positions.count > 1 {
            sharing += positions.count
            var counts: [String: Int] = [:]
            for position in positions { if let group = entries[position].group { counts[group, default: 0] += 1 } }
            let ask = counts.filter { $0.value > 1 }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            let fit = MemberFit.similarities(positions.map { vectors[$0] })
            for (position, similarity) in zip(positions, fit) where similarity < below {
                marked += 1
                let group = entries[position].group
                guard group == nil || group != ask else { continue }
                splitOut += 1
                let target = issue + "/split/" + (group ?? "single-\(position)")
                placed[position] = target
                changed.formUnion([issue, target])
            }
        }
        guard !changed.isEmpty else { return (index, placed, (marked, sharing, splitOut)) }
        var rebuilt: [String: [Int]] = [:]
        for (position, issue) in placed.enumerated() where changed.contains(issue) { rebuilt[issue, default: []].append(position) }
        let byID = index.issues
        var issues = byID.filter { !changed.contains($0.key) }.map(\.value)
        for (id, positions) in rebuilt {
            let centre = IssueIndex.centre(of: positions.map { vectors[$0] })
            let first = entries[positions[0]]
            issues.append(
                IssueIndex.Issue(
                    id: id, theme: byID[id]?.theme ?? first.theme, centroid: centre, representative: first.text,
                    representativeScore: 1, anchor: centre, entries: positions.count, participants: positions.count))
        }
        return (IssueIndex(issues: issues), placed, (marked, sharing, splitOut))
    }

    private static func place(_ entries: [Entry], weighting: TermWeighting, joinThreshold: Double) -> (IssueIndex, [String]) {
        var index = IssueIndex(joinThreshold: joinThreshold)
        let placed = entries.map { entry in
            index.place(vector: weighting.vector(VietnameseText(entry.text)), theme: entry.theme, text: entry.text, participants: 1)
        }
        return (index, placed)
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
