/// How well each entry of an issue fits the others: the cosine of its terms with the sum of the
/// other members' terms. Why: the automatic grouping puts some unrelated entries in one issue
/// (issue 18: about one pair in five on unseen writing), and one answer then reaches a child who
/// asked something else. An officer cannot reread every entry of every issue; the entries least
/// like the rest, shown first and marked, are where a wrong member usually is, and the page lets
/// them be ticked and split out. Measured with `tiengnoi issues --eval` (an officer's review).
public enum MemberFit {
    /// Members fitting the others less than this are marked on the page. Chosen on the
    /// calibration set (`tiengnoi issues --eval Tests/corpora/training/grouping-train.jsonl`, an
    /// officer splitting out the marked entries that ask something else, then 3 suggestions):
    /// 0.6 marked 21 entries and caught 7 of the 22 wrong members, 0.7 marked 53 and caught 19,
    /// 0.75 marked 69 and caught all 22, 0.8 marked 82 for the same 22. Never chosen on the evaluation set.
    public static let markBelow = 0.75

    /// One similarity per vector, in order (0–1). With one member there is nothing to compare: 1.
    public static func similarities(_ vectors: [SparseVector]) -> [Double] {
        guard vectors.count > 1 else { return vectors.map { _ in 1 } }
        var total = SparseVector()
        for vector in vectors { total.add(vector) }
        return vectors.map { vector in
            var others = total
            others.add(SparseVector(vector.weights.mapValues { -$0 }))
            return max(0, vector.cosine(others))
        }
    }
}
