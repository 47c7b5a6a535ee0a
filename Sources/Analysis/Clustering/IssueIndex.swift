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

    /// Issues in the order they came, each at its slot; postings, changes and the candidates of a
    /// placement refer to slots, not ids. Why: an id is a 36-character string; hashing and
    /// comparing ids was most of placing an entry (perf samples of 300,000 entries placed: 2,202
    /// before, 900 with slots and `SparseVector`'s sorted terms; BENCHMARKS.md, "The analysis
    /// pass's writes").
    private var slots: [Issue] = []
    private var slotOfID: [String: Int] = [:]
    /// Slots changed since `takeChanged()`, to be written back.
    private var changed: Set<Int> = []
    /// The placement that last looked at each slot, so a candidate found under two terms is scored once.
    private var lastLooked: [UInt32] = []
    private var placement: UInt32 = 0
    private var postings: [PostingKey: [Int32]] = [:]
    private var themeCodes: [String: Int32] = [:]

    struct PostingKey: Hashable {
        var theme: Int32
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

    /// Every issue by id (the evaluation reads them; placement does not).
    public var issues: [String: Issue] { Dictionary(uniqueKeysWithValues: slots.map { ($0.id, $0) }) }

    /// Puts an entry into the best matching issue of its theme, or a new one; returns the issue id.
    public mutating func place(vector: SparseVector, theme: String, text: String, participants: Int) -> String {
        let themeCode = code(of: theme)
        placement &+= 1
        if placement == 0 {  // wrapped: no slot may look already seen
            lastLooked = [UInt32](repeating: 0, count: lastLooked.count)
            placement = 1
        }
        var best: (slot: Int, score: Double)?
        for term in vector.strongest(Self.lookupTerms) {
            for candidate in postings[PostingKey(theme: themeCode, term: term)] ?? [] {
                let slot = Int(candidate)
                guard lastLooked[slot] != placement else { continue }
                lastLooked[slot] = placement
                let score = vector.cosine(slots[slot].centroid)
                if score > (best?.score ?? 0), vector.cosine(slots[slot].anchor) >= Self.anchorThreshold { best = (slot, score) }
            }
        }
        if let best, best.score >= threshold {
            var issue = slots[best.slot]
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
            slots[best.slot] = issue
            index(best.slot, theme: themeCode)
            changed.insert(best.slot)
            return issue.id
        }
        let issue = Issue(
            id: makeID(), theme: theme, centroid: vector, representative: text,
            representativeScore: 1, anchor: vector, entries: 1, participants: participants)
        changed.insert(insert(issue))
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
        return changed.sorted().map { slots[$0] }
    }

    private mutating func code(of theme: String) -> Int32 {
        if let code = themeCodes[theme] { return code }
        let code = Int32(themeCodes.count)
        themeCodes[theme] = code
        return code
    }

    /// An issue given again (the same id) replaces the earlier one, as a dictionary by id did.
    @discardableResult
    private mutating func insert(_ issue: Issue) -> Int {
        let slot: Int
        if let existing = slotOfID[issue.id] {
            slot = existing
            slots[slot] = issue
        } else {
            slot = slots.count
            slots.append(issue)
            slotOfID[issue.id] = slot
            lastLooked.append(0)
        }
        index(slot, theme: code(of: issue.theme))
        return slot
    }

    private mutating func index(_ slot: Int, theme: Int32) {
        let candidate = Int32(slot)
        for term in slots[slot].centroid.strongest(Self.indexedTerms) {
            Self.putNewest(candidate, in: &postings[PostingKey(theme: theme, term: term), default: []])
        }
    }

    /// Moves the slot to the end of a term's list (the newest), keeping the newest `postingLimit`.
    /// The list is changed where it is stored, not copied out and back.
    private static func putNewest(_ slot: Int32, in list: inout [Int32]) {
        if let existing = list.firstIndex(of: slot) { list.remove(at: existing) }
        list.append(slot)
        if list.count > postingLimit { list.removeFirst(list.count - postingLimit) }
    }
}
