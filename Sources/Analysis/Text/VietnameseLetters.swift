/// Facts about one Unicode scalar that matching needs, looked up in a flat table: normalising a
/// million entries must not ask Unicode property tables about every letter.
struct LetterFacts: Sendable {
    /// The lower-case scalar value.
    var lower: UInt32
    /// The ASCII letter or digit with every mark removed (đ → d); 0 when the scalar is not in the table.
    var folded: UInt8
    /// 0 = no tone, then huyền, sắc, hỏi, ngã, nặng.
    var tone: UInt8
    /// The lower-case letter without its tone but with its vowel mark (ấ → â).
    var toneless: UInt32

    var isKnown: Bool { folded != 0 }
    /// Folding changes the letter: it carries a tone, a vowel mark or is đ.
    var hasMark: Bool { isKnown && lower != UInt32(folded) }
}

/// The Latin letters and digits of Vietnamese writing, upper and lower case, in one lookup table.
enum VietnameseLetters {
    /// Each row: the vowel without tone, then huyền, sắc, hỏi, ngã, nặng; the second element is its folded letter.
    private static let vowelRows: [(String, Character)] = [
        ("aàáảãạ", "a"), ("ăằắẳẵặ", "a"), ("âầấẩẫậ", "a"),
        ("eèéẻẽẹ", "e"), ("êềếểễệ", "e"),
        ("iìíỉĩị", "i"),
        ("oòóỏõọ", "o"), ("ôồốổỗộ", "o"), ("ơờớởỡợ", "o"),
        ("uùúủũụ", "u"), ("ưừứửữự", "u"),
        ("yỳýỷỹỵ", "y"),
    ]

    /// Every precomposed Vietnamese letter lies below U+1F00.
    private static let tableSize = 0x1F00

    static let table: [LetterFacts] = {
        var table = [LetterFacts](repeating: LetterFacts(lower: 0, folded: 0, tone: 0, toneless: 0), count: tableSize)
        func set(_ scalar: Unicode.Scalar, _ facts: LetterFacts) {
            guard Int(scalar.value) < tableSize else { return }
            table[Int(scalar.value)] = facts
        }
        func setBothCases(_ letter: Character, folded: Character, tone: UInt8, toneless: Character) {
            let lower = letter.unicodeScalars.first!
            let facts = LetterFacts(
                lower: lower.value, folded: folded.asciiValue!, tone: tone,
                toneless: toneless.unicodeScalars.first!.value)
            set(lower, facts)
            let upper = String(letter).uppercased().unicodeScalars
            if upper.count == 1 { set(upper.first!, facts) }
        }
        for ascii in UInt8(ascii: "a")...UInt8(ascii: "z") {
            let letter = Character(Unicode.Scalar(ascii))
            setBothCases(letter, folded: letter, tone: 0, toneless: letter)
        }
        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") {
            set(Unicode.Scalar(digit), LetterFacts(lower: UInt32(digit), folded: digit, tone: 0, toneless: UInt32(digit)))
        }
        for (row, folded) in vowelRows {
            let letters = Array(row)
            for (tone, letter) in letters.enumerated() {
                setBothCases(letter, folded: folded, tone: UInt8(tone), toneless: letters[0])
            }
        }
        setBothCases("đ", folded: "d", tone: 0, toneless: "đ")
        return table
    }()

    /// (toneless letter, tone) → the letter carrying that tone, to move a tone within a syllable.
    static let withTone: [UInt64: UInt32] = {
        var map: [UInt64: UInt32] = [:]
        for (row, _) in vowelRows {
            let scalars = row.unicodeScalars.map(\.value)
            for (tone, scalar) in scalars.enumerated() {
                map[key(toneless: scalars[0], tone: UInt8(tone))] = scalar
            }
        }
        return map
    }()

    static func key(toneless: UInt32, tone: UInt8) -> UInt64 { UInt64(toneless) << 8 | UInt64(tone) }

    /// Callers fetch `table` once per text and pass it in: reading a global on every letter
    /// costs a lazy-initialisation check and a retain.
    @inline(__always)
    static func facts(_ value: UInt32, in table: [LetterFacts]) -> LetterFacts? {
        guard value < UInt32(table.count) else { return nil }
        let facts = table[Int(value)]
        return facts.isKnown ? facts : nil
    }

    /// Combining diacritics: present only in decomposed (NFD) text.
    @inline(__always)
    static func isCombiningMark(_ value: UInt32) -> Bool { (0x0300...0x036F).contains(value) }
}
