import Foundation

extension StringProtocol {
    /// True when the text has nothing but white space. Foundation's trimming goes through NSString
    /// on Linux and showed up on the ingest path; this does not allocate.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The text without leading and trailing white space, without a round trip through NSString.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}

extension String {
    /// The text in Unicode NFC. Text that cannot change under NFC — every scalar below U+0300 or in
    /// Latin Extended Additional (U+1E00–U+1EFF, where Vietnamese's precomposed letters live) has
    /// NFC_Quick_Check=Yes — is returned as it is: Foundation's normalisation costs a round trip
    /// through NSString on Linux, and almost every child's entry is already NFC.
    public var nfc: String {
        Self.isStableUnderNFC(utf8) ? self : precomposedStringWithCanonicalMapping
    }

    /// The check above on UTF-8 bytes, without decoding scalars: a scalar below U+0300 starts with
    /// a byte below 0xCC (continuation bytes are 0x80–0xBF), and U+1E00–U+1EFF are E1 B8–BB xx.
    static func isStableUnderNFC(_ bytes: String.UTF8View) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte < 0xCC { continue }
            guard byte == 0xE1, let second = iterator.next(), (0xB8...0xBB).contains(second) else { return false }
        }
        return true
    }
}
