import Foundation

/// A child's text prepared for matching: NFC, lower case, split into syllables with punctuation
/// dropped, stretched letters collapsed and shorthand written out. The stored text stays as the
/// child wrote it; this exists only so that "ko dc đi hok" and "Không được đi học" look alike.
/// Tokens are kept as UTF-8 bytes with numeric keys, and become Strings only when asked for.
public struct VietnameseText: Sendable, Hashable {
    /// The child wrote at least one letter that folding changes (a tone, a vowel mark or đ).
    public let hasDiacritics: Bool
    let accentedBytes: [UInt8]
    let foldedBytes: [UInt8]
    let tokens: [TokenSpan]

    public init(_ text: String) {
        var scanner = TokenScanner()
        scanner.scan(text)
        hasDiacritics = scanner.sawMark
        (accentedBytes, foldedBytes, tokens) = scanner.writtenOut()
    }

    /// Lower-case syllables with their tones and vowel marks, as far as the child wrote them.
    public var accentedTokens: [String] {
        tokens.map { String(decoding: accentedBytes[Int($0.accentedStart)..<Int($0.accentedEnd)], as: UTF8.self) }
    }

    /// The same syllables with every mark removed (đ → d), one for one with `accentedTokens`.
    public var foldedTokens: [String] {
        tokens.map { String(decoding: foldedBytes[Int($0.foldedStart)..<Int($0.foldedEnd)], as: UTF8.self) }
    }

    /// Folded syllables joined by single spaces: the text's matching key.
    public var foldedText: String { foldedTokens.joined(separator: " ") }

    /// Accented syllables joined by single spaces.
    public var accentedText: String { accentedTokens.joined(separator: " ") }

    /// The key of `foldedText`, without building it.
    var foldedTextKey: UInt64 {
        var key = TokenKey.seed
        for (index, token) in tokens.enumerated() {
            if index > 0 { TokenKey.add(UInt8(ascii: " "), to: &key) }
            for byte in foldedBytes[Int(token.foldedStart)..<Int(token.foldedEnd)] { TokenKey.add(byte, to: &key) }
        }
        return key
    }

    /// Lower case with every Vietnamese mark removed (đ → d); other characters are kept.
    /// `keepingCase`: capitals stay capitals ("Bạn Hoa" → "Ban Hoa"), as a child typing without
    /// Vietnamese input still writes a name.
    public static func fold(_ text: String, keepingCase: Bool = false) -> String {
        let table = VietnameseLetters.table
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in TokenScanner.composed(text).unicodeScalars {
            let capital = scalar.properties.isUppercase
            if let facts = VietnameseLetters.facts(scalar.value, in: table) {
                // Folded letters are ASCII lower case (a–z, digits): a capital is 32 below.
                let folded = facts.folded
                bytes.append(keepingCase && capital && folded >= UInt8(ascii: "a") ? folded - 32 : folded)
            } else if !VietnameseLetters.isCombiningMark(scalar.value) {
                UTF8Bytes.append(capital && !keepingCase ? lowercased(scalar) : scalar.value, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when folding changes the text, i.e. the child used Vietnamese marks.
    public static func hasDiacritics(_ text: String) -> Bool {
        let table = VietnameseLetters.table
        return TokenScanner.composed(text).unicodeScalars.contains {
            VietnameseLetters.facts($0.value, in: table)?.hasMark ?? false
        }
    }

    static func lowercased(_ scalar: Unicode.Scalar) -> UInt32 {
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : scalar.value
    }
}

/// Where one token's bytes lie in a text's accented and folded buffers, and its keys.
struct TokenSpan: Hashable, Sendable {
    var accentedStart: Int32
    var accentedEnd: Int32
    var foldedStart: Int32
    var foldedEnd: Int32
    var accentedKey: UInt64
    var foldedKey: UInt64

    /// Folding changed the token. Every marked letter is two or three bytes and folds to one,
    /// every other character is copied, so a length difference says it.
    var isMarked: Bool { accentedEnd - accentedStart != foldedEnd - foldedStart }
}
