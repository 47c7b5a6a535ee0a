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

/// A sparse vector of term weights, with its length kept up to date.
public struct SparseVector: Sendable, Hashable {
    public private(set) var weights: [TermKey: Double]
    public private(set) var norm: Double

    public init(_ weights: [TermKey: Double] = [:]) {
        self.weights = weights
        norm = weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    public var isEmpty: Bool { weights.isEmpty }

    public func normalized() -> SparseVector {
        guard norm > 0 else { return self }
        return SparseVector(weights.mapValues { $0 / norm })
    }

    public func keepingStrongest(_ count: Int) -> SparseVector {
        guard weights.count > count else { return self }
        return SparseVector(Dictionary(uniqueKeysWithValues: strongest(count).map { ($0, weights[$0]!) }))
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
        norm = weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// The `count` strongest terms, strongest first (ties by key, so the order is stable).
    public func strongest(_ count: Int) -> [TermKey] {
        weights.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(count).map(\.key)
    }

    /// Stored as JSON `{"<term key>": weight}`.
    public var json: String {
        var object: [String: Double] = [:]
        for (key, weight) in weights { object[String(key)] = weight }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public init(json: String) {
        if let weights = Self.compact(json) {
            self.init(weights)
            return
        }
        let object = (try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8))) ?? [:]
        var weights: [TermKey: Double] = [:]
        for (key, weight) in object { if let term = TermKey(key) { weights[term] = weight } }
        self.init(weights)
    }

    /// Reads the form `json` writes — `{"<key>":<weight>,…}`, no spaces — straight from the bytes;
    /// nil for anything else, which Foundation's decoder then reads. Why: every analysis pass and
    /// every issue page reads the centres of a form's issues, and Foundation's decoder took about
    /// 30 µs a centre (0.6 s of an issue page with 20,000 issues in its theme).
    static func compact(_ json: String) -> [TermKey: Double]? {
        var json = json
        return json.withUTF8 { bytes -> [TermKey: Double]? in
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
            var weights: [TermKey: Double] = [:]
            var position = 1
            let end = bytes.count - 1
            while position < end {
                // "<digits>":
                guard bytes[position] == UInt8(ascii: "\"") else { return nil }
                position += 1
                var key: UInt64 = 0
                let digitsStart = position
                while position < end, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                    let (times, overflowTimes) = key.multipliedReportingOverflow(by: 10)
                    let (sum, overflowSum) = times.addingReportingOverflow(UInt64(bytes[position] - UInt8(ascii: "0")))
                    guard !overflowTimes, !overflowSum else { return nil }
                    key = sum
                    position += 1
                }
                guard position > digitsStart, position + 1 < end, bytes[position] == UInt8(ascii: "\""),
                    bytes[position + 1] == UInt8(ascii: ":")
                else { return nil }
                position += 2
                // <number> up to the next comma or the closing brace
                let numberStart = position
                while position < end, bytes[position] != UInt8(ascii: ",") { position += 1 }
                guard
                    let weight = Double(Substring(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<position]), as: UTF8.self))
                else { return nil }
                weights[key] = weight
                if position < end { position += 1 }  // the comma
            }
            return weights
        }
    }
}
