/// Numbers the features a text offers the model: folded syllables, folded syllable pairs, and
/// syllables with their marks when the child wrote marks. Folded features let "bat nat" match
/// "bắt nạt"; pairs tell "đi làm" (work) from "đi học"; accented syllables separate words that fold
/// alike (bão storm / bảo tell) for children who do write marks.
struct FeatureVocabulary: Sendable {
    private var unigrams = KeyTable()
    private var accented = KeyTable()
    private var bigrams = KeyTable()
    private(set) var count = 0

    /// The features of a training text, numbering those not seen before.
    mutating func addFeatures(of text: VietnameseText) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.tokens.count * 3)
        var previous: Int32?
        for token in text.tokens {
            let unigram = Self.id(for: token.foldedKey, in: &unigrams, count: &count)
            ids.append(unigram)
            if let previous {
                ids.append(Self.id(for: Self.pair(previous, unigram), in: &bigrams, count: &count))
            }
            previous = unigram
            if text.hasDiacritics, token.isMarked {
                ids.append(Self.id(for: token.accentedKey, in: &accented, count: &count))
            }
        }
        return Self.unique(ids)
    }

    /// The features of a text to classify; those never seen in training say nothing and are left out.
    func features(of text: VietnameseText) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.tokens.count * 3)
        var previous: Int32?
        for token in text.tokens {
            let unigram = unigrams[token.foldedKey]
            if let unigram {
                ids.append(unigram)
                if let previous, let bigram = bigrams[Self.pair(previous, unigram)] { ids.append(bigram) }
            }
            previous = unigram
            if text.hasDiacritics, token.isMarked, let id = accented[token.accentedKey] {
                ids.append(id)
            }
        }
        return Self.unique(ids)
    }

    private static func pair(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    private static func id(for key: UInt64, in table: inout KeyTable, count: inout Int) -> Int32 {
        table.value(for: key) {
            defer { count += 1 }
            return Int32(count)
        }
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
