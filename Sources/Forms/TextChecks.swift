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
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}
