/// A label written in Vietnamese, with an optional English version.
public struct LocalizedText: Codable, Hashable, Sendable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    /// English where the form gives it, otherwise the Vietnamese.
    public var english: String { en ?? vi }
}
