import Foundation

/// Splits text into lower-case tokens of letters and digits, each as accented and folded UTF-8
/// bytes, then writes out children's shorthand.
struct TokenScanner {
    private(set) var sawMark = false
    private var accented: [UInt8] = []
    private var folded: [UInt8] = []
    private var spans: [TokenSpan] = []
    private var current: [UInt32] = []
    private let table = VietnameseLetters.table

    init() {
        current.reserveCapacity(32)
    }

    /// NFC only when needed: decomposed input (NFD, some phone keyboards) carries combining marks.
    static func composed(_ text: String) -> String {
        let decomposed = text.unicodeScalars.contains { VietnameseLetters.isCombiningMark($0.value) }
        return decomposed ? text.precomposedStringWithCanonicalMapping : text
    }

    mutating func scan(_ text: String) {
        accented.reserveCapacity(text.utf8.count)
        folded.reserveCapacity(text.utf8.count)
        spans.reserveCapacity(text.utf8.count / 4)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let facts = VietnameseLetters.facts(value, in: table) {
                current.append(facts.lower)
                if facts.hasMark { sawMark = true }
            } else if value < 0x80 {
                flush()
            } else if VietnameseLetters.isCombiningMark(value) {
                // Decomposed input (NFD, some phone keyboards): start again on its NFC form, without
                // the marks no precomposed letter absorbs, so that words stay whole.
                let composed = text.precomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { !VietnameseLetters.isCombiningMark($0.value) }
                self = TokenScanner()
                scan(String(composed))
                return
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(VietnameseText.lowercased(scalar))
            } else {
                flush()
            }
        }
        flush()
    }

    private mutating func flush() {
        guard !current.isEmpty else { return }
        SyllableSpelling.collapseStretchedLetters(&current, table: table)
        SyllableSpelling.normaliseTonePlacement(&current, table: table)
        let accentedStart = accented.count, foldedStart = folded.count
        var accentedKey = TokenKey.seed, foldedKey = TokenKey.seed
        for value in current {
            let start = accented.count
            UTF8Bytes.append(value, to: &accented)
            for index in start..<accented.count { TokenKey.add(accented[index], to: &accentedKey) }
            if let facts = VietnameseLetters.facts(value, in: table) {
                folded.append(facts.folded)
                TokenKey.add(facts.folded, to: &foldedKey)
            } else {
                for index in start..<accented.count {
                    folded.append(accented[index])
                    TokenKey.add(accented[index], to: &foldedKey)
                }
            }
        }
        spans.append(
            TokenSpan(
                accentedStart: Int32(accentedStart), accentedEnd: Int32(accented.count),
                foldedStart: Int32(foldedStart), foldedEnd: Int32(folded.count),
                accentedKey: accentedKey, foldedKey: foldedKey))
        current.removeAll(keepingCapacity: true)
    }

    /// The tokens with shorthand written out. Most texts need a few replacements at most, and
    /// many none, in which case the scanned buffers are returned as they are.
    func writtenOut() -> (accented: [UInt8], folded: [UInt8], tokens: [TokenSpan]) {
        let tables = ChildSpelling.tables
        var replacements: [(index: Int, syllables: [Syllable])] = []
        for index in spans.indices {
            let span = spans[index]
            if let syllables = ChildSpelling.expansion(
                of: accented[Int(span.accentedStart)..<Int(span.accentedEnd)], key: span.accentedKey,
                folded: folded[Int(span.foldedStart)..<Int(span.foldedEnd)],
                previous: index > 0 ? spans[index - 1].foldedKey : nil,
                next: index + 1 < spans.count ? spans[index + 1].foldedKey : nil, tables: tables)
            {
                replacements.append((index, syllables))
            }
        }
        guard !replacements.isEmpty else { return (accented, folded, spans) }

        var outAccented: [UInt8] = [], outFolded: [UInt8] = [], outSpans: [TokenSpan] = []
        outAccented.reserveCapacity(accented.count + replacements.count * 8)
        outFolded.reserveCapacity(folded.count + replacements.count * 8)
        outSpans.reserveCapacity(spans.count + replacements.count)
        var next = 0
        for index in spans.indices {
            let span = spans[index]
            if next < replacements.count, replacements[next].index == index {
                for syllable in replacements[next].syllables {
                    outSpans.append(
                        TokenSpan(
                            accentedStart: Int32(outAccented.count), accentedEnd: Int32(outAccented.count + syllable.accented.count),
                            foldedStart: Int32(outFolded.count), foldedEnd: Int32(outFolded.count + syllable.folded.count),
                            accentedKey: syllable.accentedKey, foldedKey: syllable.foldedKey))
                    outAccented += syllable.accented
                    outFolded += syllable.folded
                }
                next += 1
            } else {
                var moved = span
                moved.accentedStart = Int32(outAccented.count)
                moved.foldedStart = Int32(outFolded.count)
                outAccented += accented[Int(span.accentedStart)..<Int(span.accentedEnd)]
                outFolded += folded[Int(span.foldedStart)..<Int(span.foldedEnd)]
                moved.accentedEnd = Int32(outAccented.count)
                moved.foldedEnd = Int32(outFolded.count)
                outSpans.append(moved)
            }
        }
        return (outAccented, outFolded, outSpans)
    }
}

enum UTF8Bytes {
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (value >> 6)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (value >> 12)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (value >> 18)))
            bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
