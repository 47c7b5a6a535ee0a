import Foundation

/// TF-IDF weights for issue matching. Issues are formed within a theme, so a term's weight comes
/// from how often it appears among the theme's entries: inside "violence", "bắt nạt" says little
/// and "hộp thư" says a lot. Frequencies come from the project's bundled training entries, not from
/// the data being clustered, so a term weighs the same in every run and every instance: an issue
/// formed today matches tomorrow's entries the same way.
public struct TermWeighting: Sendable {
    struct Frequencies: Sendable {
        var idf: [String: Double]
        var unseen: Double

        init(_ corpus: [String]) {
            var frequency: [String: Int] = [:]
            for document in corpus {
                for term in Set(IssueTerms.terms(of: VietnameseText(document))) { frequency[term, default: 0] += 1 }
            }
            let count = Double(corpus.count)
            idf = frequency.mapValues { log((count + 1) / (Double($0) + 1)) + 1 }
            unseen = log(count + 1) + 1
        }

        func weight(_ term: String) -> Double { idf[term] ?? unseen }
    }

    private let byTheme: [String: Frequencies]
    /// For a theme without bundled entries (another campaign's catalogue).
    private let overall: Frequencies
    /// An entry is described by its strongest terms only; the tail adds noise and cost.
    static let termsPerEntry = 12

    public init(corpora: [String: [String]]) {
        byTheme = corpora.mapValues(Frequencies.init)
        overall = Frequencies(corpora.values.flatMap { $0 })
    }

    /// Frequencies from the bundled entries of every theme file.
    public static func bundled() throws -> TermWeighting {
        TermWeighting(corpora: try BundledTrainingEntries.allEntriesByTheme())
    }

    /// A unit-length sparse vector of the text's strongest terms, weighted for `theme`.
    public func vector(_ text: VietnameseText, theme: String) -> SparseVector {
        let frequencies = overall
        var weights: [String: Double] = [:]
        // Each term once: "học sinh tiểu học" says "học" twice but is not more about learning.
        for term in Set(IssueTerms.terms(of: text)) {
            // A pair repeats its syllables' evidence; counting it in full would let one rare pair
            // outweigh the shared words of two wordings of the same request.
            weights[term] = frequencies.weight(term).squareRoot() * (term.contains(" ") ? 0.6 : 1.0)
        }
        return SparseVector(weights).keepingStrongest(Self.termsPerEntry).normalized()
    }
}

/// A sparse vector of term weights.
public struct SparseVector: Sendable, Hashable, Codable {
    public private(set) var weights: [String: Double]

    public init(_ weights: [String: Double] = [:]) { self.weights = weights }

    public var isEmpty: Bool { weights.isEmpty }

    public var norm: Double { weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    public func normalized() -> SparseVector {
        let length = norm
        guard length > 0 else { return self }
        return SparseVector(weights.mapValues { $0 / length })
    }

    public func keepingStrongest(_ count: Int) -> SparseVector {
        guard weights.count > count else { return self }
        let kept = weights.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(count)
        return SparseVector(Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) }))
    }

    public func dot(_ other: SparseVector) -> Double {
        let (small, large) = weights.count <= other.weights.count ? (weights, other.weights) : (other.weights, weights)
        var sum = 0.0
        for (term, weight) in small { if let w = large[term] { sum += weight * w } }
        return sum
    }

    public func cosine(_ other: SparseVector) -> Double {
        let denominator = norm * other.norm
        return denominator > 0 ? dot(other) / denominator : 0
    }

    public mutating func add(_ other: SparseVector) {
        for (term, weight) in other.weights { weights[term, default: 0] += weight }
    }

    /// Terms by weight, strongest first.
    public var strongestTerms: [String] {
        weights.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map(\.key)
    }
}
