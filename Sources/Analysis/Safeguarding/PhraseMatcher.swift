/// Finds short phrases of a few syllables in a child's text by token key, so that matching costs
/// a table lookup per syllable and never builds or compares a String.
///
/// A syllable of a phrase matches a syllable of the text when they fold alike and, if the child
/// wrote marks on that syllable, the marks agree: "bị đánh" matches "bi danh" and "bị đánh" but
/// not "bị dánh"'s neighbour "bị dành". A phrase syllable written with a leading "=" matches only a
/// syllable written with the same marks; it is for words whose folded form is mostly another,
/// harmless word (dí / đi, trói / trời), where a child who writes without marks gives no evidence.
struct PhraseMatcher<Cue: Sendable>: Sendable {
    struct Match {
        let cue: Cue
        /// Token indices, end exclusive.
        let start: Int
        let end: Int
    }

    private struct Word: Sendable {
        let folded: UInt64
        let accented: UInt64
        let marksRequired: Bool

        func matches(_ token: TokenSpan) -> Bool {
            guard token.foldedKey == folded else { return false }
            if token.isMarked { return token.accentedKey == accented }
            // The child wrote no marks here: the syllable could be this word unless the word has
            // marks and is too easily confused without them.
            return !marksRequired || token.accentedKey == accented
        }
    }

    private struct Phrase: Sendable {
        let cue: Cue
        let words: [Word]
    }

    private let phrases: [Phrase]
    /// Folded key of a phrase's first syllable → index into `buckets`.
    private let firstWords: KeyTable
    private let buckets: [[Int32]]

    init(_ lists: [(cue: Cue, phrases: [String])]) {
        var phrases: [Phrase] = []
        var firstWords = KeyTable()
        var buckets: [[Int32]] = []
        for (cue, list) in lists {
            for spec in list {
                let words = Self.words(of: spec)
                guard let first = words.first else { continue }
                let bucket = Int(
                    firstWords.value(for: first.folded) {
                        buckets.append([])
                        return Int32(buckets.count - 1)
                    })
                buckets[bucket].append(Int32(phrases.count))
                phrases.append(Phrase(cue: cue, words: words))
            }
        }
        self.phrases = phrases
        self.firstWords = firstWords
        self.buckets = buckets
    }

    /// Every occurrence of every phrase, in order of where it starts.
    func matches(in text: VietnameseText) -> [Match] {
        let tokens = text.tokens
        var found: [Match] = []
        for start in tokens.indices {
            guard let bucket = firstWords[tokens[start].foldedKey] else { continue }
            for index in buckets[Int(bucket)] {
                let phrase = phrases[Int(index)]
                let end = start + phrase.words.count
                guard end <= tokens.count else { continue }
                var matched = true
                for offset in phrase.words.indices where !phrase.words[offset].matches(tokens[start + offset]) {
                    matched = false
                    break
                }
                if matched { found.append(Match(cue: phrase.cue, start: start, end: end)) }
            }
        }
        return found
    }

    /// A phrase's syllables, read the same way as children's text (shorthand written out, tone
    /// placement normalised), so a phrase and a child's spelling of it get the same keys.
    private static func words(of spec: String) -> [Word] {
        var words: [Word] = []
        for part in spec.split(separator: " ") {
            let marksRequired = part.hasPrefix("=")
            let text = VietnameseText(String(marksRequired ? part.dropFirst() : part))
            for token in text.tokens {
                words.append(Word(folded: token.foldedKey, accented: token.accentedKey, marksRequired: marksRequired))
            }
        }
        return words
    }
}
