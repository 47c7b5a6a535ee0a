import Foundation

/// TF-IDF weights for issue matching. Frequencies come from the project's bundled training
/// entries, not from the data being clustered, so a term weighs the same in every run and every
/// instance: an issue formed today matches tomorrow's entries the same way. A concept of the
/// lexicon weighs `conceptBoost` times its IDF: it is what the request is about ("ao", "rào",
/// "học bơi"), and without the boost a rare context word ("đầu làng") outweighs it. Boost, IDF
/// and the join threshold were chosen together on the calibration set
/// (Tests/corpora/training/grouping-train.jsonl; docs/issue-grouping.md).
public struct TermWeighting: Sendable {
    struct Frequencies: Sendable {
        /// IDF per term.
        var weight: [TermKey: Double]
        var unseen: Double

        init(_ corpus: [String], lexicon: ConceptLexicon) {
            var frequency: [TermKey: Int] = [:]
            for document in corpus {
                for term in Set(IssueTerms.terms(of: VietnameseText(document), lexicon: lexicon)) { frequency[term.key, default: 0] += 1 }
            }
            let count = Double(corpus.count)
            weight = frequency.mapValues { log((count + 1) / (Double($0) + 1)) + 1 }
            unseen = log(count + 1) + 1
        }
    }

    private let overall: Frequencies
    private let lexicon: ConceptLexicon
    /// An entry is described by its strongest terms only; the tail adds noise and cost.
    static let termsPerEntry = 12
    /// 1.5 until the lexicon's accent-only syllables; chosen again on the calibration set then
    /// (1.25–2.5 swept; 1.75 and 2.0 gave the most same-request pairs at precision ≥ 0.88).
    static let conceptBoost = 1.75

    public init(corpora: [String: [String]], lexicon: ConceptLexicon = .empty) {
        self.lexicon = lexicon
        overall = Frequencies(corpora.values.flatMap { $0 }, lexicon: lexicon)
    }

    /// Frequencies from the bundled entries of every theme file, with the bundled concept lexicon.
    public static func bundled() throws -> TermWeighting {
        TermWeighting(corpora: try BundledTrainingEntries.allEntriesByTheme(), lexicon: try ConceptLexicon.bundled())
    }

    /// A unit-length sparse vector of the text's strongest terms.
    public func vector(_ text: VietnameseText) -> SparseVector {
        let frequencies = overall
        var weights: [TermKey: Double] = [:]
        // Each term once: "học sinh tiểu học" says "học" twice but is not more about learning.
        for term in IssueTerms.terms(of: text, lexicon: lexicon) where weights[term.key] == nil {
            weights[term.key] = (frequencies.weight[term.key] ?? frequencies.unseen) * (term.isConcept ? Self.conceptBoost : 1)
        }
        return SparseVector(weights).keepingStrongest(Self.termsPerEntry).normalized()
    }
}

/// A term, hashed: issue matching compares millions of term sets, and hashing a 64-bit number is
/// far cheaper than hashing a string each time. FNV-1a over the UTF-8; collisions between the few
/// thousand terms of one theme are negligible at 64 bits.
public typealias TermKey = UInt64

extension TermKey {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    init(term: String) {
        self = Self.fnv(term, from: Self.fnvOffset)
    }

    private static func fnv(_ text: String, from start: UInt64) -> UInt64 {
        var hash = start
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
