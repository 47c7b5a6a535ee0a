/// Where an officer may merge an issue: the other issues of its form, the most similar first. Why:
/// children asking for one thing in words the lexicon lacks still land in two issues (issue 18: on
/// the evaluation set most same-request pairs do), and an officer answering one of them cannot
/// search a district's hundreds of issues for the other. A suggestion costs nothing when it is
/// wrong — a person reads both issues before merging — so it reaches below `joinThreshold`, and
/// across themes: the classifier puts some requests under a neighbouring theme, and grouping only
/// looks within one (merging then moves the entries to the target's theme, `IssueEditing.merge`).
/// Measured with `tiengnoi issues --eval` (an officer's review, BENCHMARKS.md).
extension IssueIndex {
    public struct Suggestion: Sendable, Hashable {
        public var id: String
        /// Cosine of the two issues' centres (0–1).
        public var similarity: Double
    }

    /// Up to `limit` issues among `others`, of any theme, sharing any term with `issue`, the most
    /// similar centre first (ties by id, so the order is stable). Compares with every one of them:
    /// this answers a page's question about one issue, not the placement of every entry.
    public static func suggestions(for issue: Issue, among others: some Sequence<Issue>, limit: Int) -> [Suggestion] {
        var found: [Suggestion] = []
        for other in others where other.id != issue.id {
            let similarity = issue.centroid.cosine(other.centroid)
            if similarity > 0 { found.append(Suggestion(id: other.id, similarity: similarity)) }
        }
        found.sort { ($0.similarity, $1.id) > ($1.similarity, $0.id) }
        return Array(found.prefix(limit))
    }

    /// The suggestions for one of this index's issues.
    public func suggestions(for id: String, limit: Int) -> [Suggestion] {
        guard let issue = issues[id] else { return [] }
        return Self.suggestions(for: issue, among: issues.values, limit: limit)
    }
}
