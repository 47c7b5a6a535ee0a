import Foundation

/// The issues (vấn đề) of one form and the index used to place a new entry in one of them.
/// An entry joins the issue of its theme whose centre is most similar to it, when that similarity
/// clears `joinThreshold`; otherwise it starts a new issue. Candidates come from an inverted index
/// of the issues' strongest terms, so placing an entry costs the same with ten issues or a million:
/// no pairwise comparison of all entries.
public struct IssueIndex: Sendable {
    public struct Issue: Sendable, Hashable {
        public var id: String
        public var theme: String
        public var centroid: SparseVector
        public var representative: String
        public var representativeScore: Double
        /// The representative's own terms. An entry must resemble it too, not only the centre,
        /// so that an issue cannot drift step by step from speed bumps to helmets.
        public var anchor: SparseVector
        public var entries: Int
        public var participants: Int
    }

    /// Cosine similarity between an entry and an issue's centre above which they ask the same thing.
    /// Chosen on the calibration set (Tests/corpora/training/grouping-train.jsonl, `tiengnoi issues
    /// --eval … --sweep`) as the threshold with the highest pairwise recall at precision near 0.9:
    /// lower merged different asks on one topic ("swimming lessons" with "a lifeguard"), higher
    /// split one request worded two ways. Never chosen on the evaluation set.
    public static let joinThreshold = 0.5
    /// Least similarity to the representative itself.
    public static let anchorThreshold = 0.35
    /// The centre keeps the strongest terms of its members, enough to recognise new wordings.
    static let centroidTerms = 24
    /// Terms of an issue that point to it in the index.
    static let indexedTerms = 8
    /// Terms of a new entry used to look for candidates.
    static let lookupTerms = 6
    /// Most issues remembered per term: the newest, since a term shared by thousands of issues
    /// (a generic word) tells little.
    static let postingLimit = 48

    public private(set) var issues: [String: Issue] = [:]
    /// Issues changed since `takeChanged()`, to be written back.
    private var changed: Set<String> = []
    private var postings: [PostingKey: [String]] = [:]

    struct PostingKey: Hashable {
        var theme: String
        var term: TermKey
    }
    private let makeID: @Sendable () -> String
    /// `joinThreshold` unless an evaluation tries another.
    private let threshold: Double

    public init(
        issues: [Issue] = [], joinThreshold: Double = IssueIndex.joinThreshold,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.makeID = makeID
        threshold = joinThreshold
        for issue in issues { insert(issue) }
    }

    /// Puts an entry into the best matching issue of its theme, or a new one; returns the issue id.
    public mutating func place(vector: SparseVector, theme: String, text: String, participants: Int) -> String {
        var best: (id: String, score: Double)?
        var seen: Set<String> = []
        for term in vector.strongest(Self.lookupTerms) {
            for id in postings[PostingKey(theme: theme, term: term)] ?? [] where seen.insert(id).inserted {
                guard let issue = issues[id] else { continue }
                let score = vector.cosine(issue.centroid)
                if score > (best?.score ?? 0), vector.cosine(issue.anchor) >= Self.anchorThreshold { best = (id, score) }
            }
        }
        if let best, best.score >= threshold, var issue = issues[best.id] {
            issue.centroid.add(vector)
            issue.centroid = issue.centroid.keepingStrongest(Self.centroidTerms)
            issue.entries += 1
            issue.participants += participants
            // The member closest to the updated centre speaks for the issue.
            let score = vector.cosine(issue.centroid)
            if score > issue.representativeScore {
                issue.representative = text
                issue.representativeScore = score
                issue.anchor = vector
            }
            issues[issue.id] = issue
            index(issue)
            changed.insert(issue.id)
            return issue.id
        }
        let issue = Issue(
            id: makeID(), theme: theme, centroid: vector, representative: text,
            representativeScore: 1, anchor: vector, entries: 1, participants: participants)
        insert(issue)
        changed.insert(issue.id)
        return issue.id
    }

    /// The centre of an issue whose members people chose (a merge, a split): the sum of their
    /// terms, keeping the strongest `centroidTerms`.
    static func centre(of members: some Sequence<SparseVector>) -> SparseVector {
        var centre = SparseVector()
        for vector in members { centre.add(vector) }
        return centre.keepingStrongest(centroidTerms)
    }

    /// The issues changed since the last call, emptying the list.
    public mutating func takeChanged() -> [Issue] {
        defer { changed.removeAll() }
        return changed.compactMap { issues[$0] }
    }

    private mutating func insert(_ issue: Issue) {
        issues[issue.id] = issue
        index(issue)
    }

    private mutating func index(_ issue: Issue) {
        for term in issue.centroid.strongest(Self.indexedTerms) {
            let key = PostingKey(theme: issue.theme, term: term)
            var list = postings[key] ?? []
            if let existing = list.firstIndex(of: issue.id) { list.remove(at: existing) }
            list.append(issue.id)
            if list.count > Self.postingLimit { list.removeFirst(list.count - Self.postingLimit) }
            postings[key] = list
        }
    }
}
