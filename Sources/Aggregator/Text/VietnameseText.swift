import Foundation

/// A child's text prepared for matching: NFC, lower case, split into syllables with punctuation
/// dropped, stretched letters collapsed and shorthand written out. The stored text stays as the
/// child wrote it; this exists only so that "ko dc đi hok" and "Không được đi học" look alike.
public struct VietnameseText: Sendable, Hashable {
    /// Lower-case syllables with their tones and vowel marks, as far as the child wrote them.
    public let accentedTokens: [String]
    /// The same syllables with every mark removed (đ → d), one for one with `accentedTokens`.
    public let foldedTokens: [String]
    /// The child wrote at least one letter that folding changes (a tone, a vowel mark or đ).
    public let hasDiacritics: Bool

    public init(_ text: String) {
        var scanner = TokenScanner()
        scanner.scan(text)
        hasDiacritics = scanner.sawMark
        var accented: [String] = []
        var folded: [String] = []
        accented.reserveCapacity(scanner.tokens.count + 4)
        folded.reserveCapacity(scanner.tokens.count + 4)
        let tokens = scanner.tokens
        for index in tokens.indices {
            let token = tokens[index]
            let previous = index > 0 ? tokens[index - 1].folded : nil
            let next = index + 1 < tokens.count ? tokens[index + 1].folded : nil
            if let expanded = ChildSpelling.expansion(of: token.accented, previous: previous, next: next) {
                for word in expanded.split(separator: " ") {
                    let word = String(word)
                    accented.append(word)
                    folded.append(Self.fold(word))
                }
            } else {
                accented.append(token.accented)
                folded.append(token.folded)
            }
        }
        accentedTokens = accented
        foldedTokens = folded
    }

    /// Folded syllables joined by single spaces: the text's matching key.
    public var foldedText: String { foldedTokens.joined(separator: " ") }

    /// Accented syllables joined by single spaces.
    public var accentedText: String { accentedTokens.joined(separator: " ") }

    /// Lower case with every Vietnamese mark removed (đ → d); other characters are kept.
    public static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in TokenScanner.composed(text).unicodeScalars {
            if let facts = VietnameseLetters.facts(scalar.value) {
                bytes.append(facts.folded)
            } else if !VietnameseLetters.isCombiningMark(scalar.value) {
                UTF8Bytes.append(scalar.properties.isUppercase ? lowercased(scalar) : scalar.value, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when folding changes the text, i.e. the child used Vietnamese marks.
    public static func hasDiacritics(_ text: String) -> Bool {
        TokenScanner.composed(text).unicodeScalars.contains { VietnameseLetters.facts($0.value)?.hasMark ?? false }
    }

    static func lowercased(_ scalar: Unicode.Scalar) -> UInt32 {
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : scalar.value
    }
}

/// Splits text into lower-case tokens of letters and digits, each in accented and folded form.
struct TokenScanner {
    struct Token {
        var accented: String
        var folded: String
    }

    private(set) var tokens: [Token] = []
    private(set) var sawMark = false
    private var current: [UInt32] = []
    private var accentedBytes: [UInt8] = []
    private var foldedBytes: [UInt8] = []

    init() {
        current.reserveCapacity(32)
        accentedBytes.reserveCapacity(64)
        foldedBytes.reserveCapacity(32)
    }

    /// NFC only when needed: decomposed input (NFD, some phone keyboards) carries combining marks.
    static func composed(_ text: String) -> String {
        let decomposed = text.unicodeScalars.contains { VietnameseLetters.isCombiningMark($0.value) }
        return decomposed ? text.precomposedStringWithCanonicalMapping : text
    }

    mutating func scan(_ text: String) {
        for scalar in Self.composed(text).unicodeScalars {
            let value = scalar.value
            if let facts = VietnameseLetters.facts(value) {
                current.append(facts.lower)
                if facts.hasMark { sawMark = true }
            } else if value < 0x80 {
                flush()
            } else if VietnameseLetters.isCombiningMark(value) {
                continue  // a mark with no precomposed letter: ignore it, keep the word whole
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
        SyllableSpelling.collapseStretchedLetters(&current)
        SyllableSpelling.normaliseTonePlacement(&current)
        accentedBytes.removeAll(keepingCapacity: true)
        foldedBytes.removeAll(keepingCapacity: true)
        for value in current {
            UTF8Bytes.append(value, to: &accentedBytes)
            if let facts = VietnameseLetters.facts(value) {
                foldedBytes.append(facts.folded)
            } else {
                UTF8Bytes.append(value, to: &foldedBytes)
            }
        }
        tokens.append(Token(accented: String(decoding: accentedBytes, as: UTF8.self),
                            folded: String(decoding: foldedBytes, as: UTF8.self)))
        current.removeAll(keepingCapacity: true)
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
