/// Words a child capitalised inside a sentence: after "bạn" or "bé" these are names (bạn Hoa,
/// bé Na), which make "bạn" a particular child rather than anyone. Sentence-initial capitals
/// say nothing and are skipped. Children writing without marks often still capitalise names.
///
/// Runs at ingest on every entry, so it walks UTF-8 bytes and decodes a scalar only where a
/// word starts with a non-ASCII letter (Đ, Á …).
enum CapitalisedWords {
    /// Folded keys of the capitalised words, as `VietnameseText` keys a token (lower case,
    /// marks removed), so they compare with `TokenSpan.foldedKey`.
    static func keys(in text: String) -> Set<UInt64> {
        var keys = Set<UInt64>()
        var text = text
        text.withUTF8 { bytes in
            var sentenceStart = true
            var wordStart: Int?
            var capitalised = false
            func finish(at end: Int) {
                if let start = wordStart, capitalised {
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    keys.insert(TokenKey.of(VietnameseText.fold(word).utf8))
                }
                wordStart = nil
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let isLetter = byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                if isLetter {
                    if wordStart == nil {
                        wordStart = index
                        // Only a capital inside a sentence says "name"; the first word's says nothing.
                        capitalised = !sentenceStart && isUppercase(bytes, at: index)
                        sentenceStart = false
                    }
                } else {
                    finish(at: index)
                    switch byte {
                    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"),
                        UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "\""):
                        sentenceStart = true
                    default:
                        break
                    }
                }
                index += 1
            }
            finish(at: bytes.count)
        }
        return keys
    }

    private static func isUppercase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead >= 0x41 && lead <= 0x5A }
        // A two- or three-byte scalar (every Vietnamese letter is one of these).
        let length = lead >= 0xE0 ? 3 : 2
        guard lead >= 0xC0, index + length <= bytes.count else { return false }
        var value = UInt32(lead & (length == 3 ? 0x0F : 0x1F))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)?.properties.isUppercase ?? false
    }
}
