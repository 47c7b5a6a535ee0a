/// Numbers the features a text offers the model: folded syllables, folded syllable pairs, and
/// syllables with their marks when the child wrote marks. Folded features let "bat nat" match
/// "bắt nạt"; pairs tell "đi làm" (work) from "đi học"; accented syllables separate words that fold
/// alike (bão storm / bảo tell) for children who do write marks.
struct FeatureVocabulary: Sendable {
    private var unigrams: [String: Int32] = [:]
    private var accented: [String: Int32] = [:]
    private var bigrams: [UInt64: Int32] = [:]
    private(set) var count = 0

    /// The features of a training text, numbering those not seen before.
    mutating func addFeatures(of text: VietnameseText) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.foldedTokens.count * 3)
        var previous: Int32?
        for (index, folded) in text.foldedTokens.enumerated() {
            let unigram = Self.id(for: folded, in: &unigrams, count: &count)
            ids.append(unigram)
            if let previous {
                ids.append(Self.id(for: Self.pair(previous, unigram), in: &bigrams, count: &count))
            }
            previous = unigram
            if text.hasDiacritics, text.accentedTokens[index] != folded {
                ids.append(Self.id(for: text.accentedTokens[index], in: &accented, count: &count))
            }
        }
        return Self.unique(ids)
    }

    /// The features of a text to classify; those never seen in training say nothing and are left out.
    func features(of text: VietnameseText) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.foldedTokens.count * 3)
        var previous: Int32?
        for (index, folded) in text.foldedTokens.enumerated() {
            let unigram = unigrams[folded]
            if let unigram {
                ids.append(unigram)
                if let previous, let bigram = bigrams[Self.pair(previous, unigram)] { ids.append(bigram) }
            }
            previous = unigram
            if text.hasDiacritics, text.accentedTokens[index] != folded, let id = accented[text.accentedTokens[index]] {
                ids.append(id)
            }
        }
        return Self.unique(ids)
    }

    private static func pair(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    private static func id<Key: Hashable>(for key: Key, in table: inout [Key: Int32], count: inout Int) -> Int32 {
        if let id = table[key] { return id }
        let id = Int32(count)
        table[key] = id
        count += 1
        return id
    }

    /// Presence, not counts: a child repeating "bắt nạt" three times is not three times as sure.
    private static func unique(_ ids: [Int32]) -> [Int32] {
        guard ids.count > 1 else { return ids }
        var sorted = ids
        sorted.sort()
        var write = 1
        for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }
}
