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
        let stable = unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
        return stable ? self : precomposedStringWithCanonicalMapping
    }
}
