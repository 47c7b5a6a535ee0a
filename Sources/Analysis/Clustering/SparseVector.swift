import Foundation

/// A sparse vector of term weights, with its length kept up to date.
///
/// Stored as two parallel arrays in increasing term order, not a dictionary. Why: placing an entry
/// compares it with dozens of issue centres, each a short list (12 terms an entry, 24 a centre);
/// a dot product is then a merge of two sorted lists with no hashing, and the sums run in one order
/// in every process — a dictionary's order changes per process, so a similarity on a threshold's
/// edge could decide differently from one run to the next.
public struct SparseVector: Sendable, Hashable {
    /// Increasing, each term once.
    public private(set) var terms: [TermKey]
    /// `values[i]` is the weight of `terms[i]`.
    public private(set) var values: [Double]
    public private(set) var norm: Double

    public init(_ weights: [TermKey: Double] = [:]) {
        let sorted = weights.sorted { $0.key < $1.key }
        self.init(sortedTerms: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// Terms already in increasing order, each once.
    private init(sortedTerms terms: [TermKey], values: [Double]) {
        self.terms = terms
        self.values = values
        norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    public var weights: [TermKey: Double] { Dictionary(uniqueKeysWithValues: zip(terms, values)) }

    public var isEmpty: Bool { terms.isEmpty }

    public func normalized() -> SparseVector {
        guard norm > 0 else { return self }
        return SparseVector(sortedTerms: terms, values: values.map { $0 / norm })
    }

    public func keepingStrongest(_ count: Int) -> SparseVector {
        guard terms.count > count else { return self }
        let kept = strongestPositions(count).sorted()
        return SparseVector(sortedTerms: kept.map { terms[$0] }, values: kept.map { values[$0] })
    }

    public func dot(_ other: SparseVector) -> Double {
        var sum = 0.0
        var (i, j) = (0, 0)
        while i < terms.count, j < other.terms.count {
            let (a, b) = (terms[i], other.terms[j])
            if a == b {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    public func cosine(_ other: SparseVector) -> Double {
        let denominator = norm * other.norm
        return denominator > 0 ? dot(other) / denominator : 0
    }

    public mutating func add(_ other: SparseVector) {
        var mergedTerms: [TermKey] = []
        var mergedValues: [Double] = []
        mergedTerms.reserveCapacity(terms.count + other.terms.count)
        mergedValues.reserveCapacity(terms.count + other.terms.count)
        var (i, j) = (0, 0)
        while i < terms.count || j < other.terms.count {
            if j == other.terms.count || (i < terms.count && terms[i] < other.terms[j]) {
                mergedTerms.append(terms[i])
                mergedValues.append(values[i])
                i += 1
            } else if i == terms.count || other.terms[j] < terms[i] {
                mergedTerms.append(other.terms[j])
                mergedValues.append(other.values[j])
                j += 1
            } else {
                mergedTerms.append(terms[i])
                mergedValues.append(values[i] + other.values[j])
                i += 1
                j += 1
            }
        }
        self = SparseVector(sortedTerms: mergedTerms, values: mergedValues)
    }

    /// The `count` strongest terms, strongest first (ties by key, so the order is stable).
    public func strongest(_ count: Int) -> [TermKey] {
        strongestPositions(count).map { terms[$0] }
    }

    private func strongestPositions(_ count: Int) -> [Int] {
        let positions = terms.indices.sorted { (values[$0], terms[$0]) > (values[$1], terms[$1]) }
        return Array(positions.prefix(count))
    }

    /// Stored as JSON `{"<term key>": weight}`, written here in the compact form `compact` reads
    /// (Foundation's encoder took a noticeable share of an analysis pass's writes).
    public var json: String {
        var text = "{"
        var first = true
        for (term, weight) in zip(terms, values) where weight.isFinite {
            text += first ? "\"\(term)\":\(weight)" : ",\"\(term)\":\(weight)"
            first = false
        }
        return text + "}"
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
