/// Repairs inside one token (lower-case scalar values) so that the same word written two ways
/// matches: letters a child stretched for emphasis, and the two conventions for placing a tone.
enum SyllableSpelling {
    /// "quáaaa" → "quá", "nhaa" → "nha", "khôngggg" → "không". Vietnamese spells no letter twice
    /// except "oo" (xoong, soóc) and "ưu"/"uu" (cừu, cuu written without marks), so those pairs stay;
    /// any longer run is emphasis. The kept letter is the one carrying a mark, if any.
    static func collapseStretchedLetters(_ token: inout [UInt32], table: [LetterFacts]) {
        guard token.count > 1 else { return }
        var write = 0
        var read = 0
        while read < token.count {
            let first = token[read]
            guard let facts = VietnameseLetters.facts(first, in: table), facts.folded >= UInt8(ascii: "a") else {
                token[write] = first
                write += 1
                read += 1
                continue
            }
            var end = read + 1
            var kept = first
            while end < token.count, let next = VietnameseLetters.facts(token[end], in: table), next.folded == facts.folded {
                if !VietnameseLetters.facts(kept, in: table)!.hasMark, next.hasMark { kept = token[end] }
                end += 1
            }
            let run = end - read
            if run == 2, isGenuinePair(token[read], token[read + 1], folded: facts.folded, table: table) {
                token[write] = token[read]
                token[write + 1] = token[read + 1]
                write += 2
            } else {
                token[write] = kept
                write += 1
            }
            read = end
        }
        token.removeLast(token.count - write)
    }

    private static func isGenuinePair(_ first: UInt32, _ second: UInt32, folded: UInt8, table: [LetterFacts]) -> Bool {
        let a = VietnameseLetters.facts(first, in: table)!, b = VietnameseLetters.facts(second, in: table)!
        switch folded {
        case UInt8(ascii: "o"):
            // xoong, soóc: plain o twice; ôô or ơơ is never a word.
            return a.toneless == UInt32(UInt8(ascii: "o")) && b.toneless == UInt32(UInt8(ascii: "o"))
        case UInt8(ascii: "u"):
            // cừu, hưu, and "cuu" without marks: the second u is always plain.
            return b.lower == UInt32(UInt8(ascii: "u"))
        default:
            return false
        }
    }

    /// "hoà" and "hòa", "thuỷ" and "thủy" are the same word under the old and new tone placement.
    /// Both are common, so an open syllable ending in oa, oe or uy gets its tone on the first vowel
    /// (the newer convention). "quý" is left alone: there u belongs to the consonant qu.
    static func normaliseTonePlacement(_ token: inout [UInt32], table: [LetterFacts]) {
        let count = token.count
        guard count >= 2,
            let last = VietnameseLetters.facts(token[count - 1], in: table), last.tone != 0,
            let previous = VietnameseLetters.facts(token[count - 2], in: table), previous.tone == 0
        else { return }
        let o = UInt32(UInt8(ascii: "o")), u = UInt32(UInt8(ascii: "u"))
        let a = UInt32(UInt8(ascii: "a")), e = UInt32(UInt8(ascii: "e")), y = UInt32(UInt8(ascii: "y"))
        let pair = (previous.lower, last.toneless)
        let movable = (pair.0 == o && (pair.1 == a || pair.1 == e)) || (pair.0 == u && pair.1 == y)
        guard movable else { return }
        if pair.0 == u, count >= 3, token[count - 3] == UInt32(UInt8(ascii: "q")) { return }
        guard let toned = VietnameseLetters.withTone[VietnameseLetters.key(toneless: previous.lower, tone: last.tone)]
        else { return }
        token[count - 2] = toned
        token[count - 1] = last.toneless
    }
}
