/// A text with the theme a person gave it: a staff correction, or a line of an evaluation file.
public struct LabelledText: Codable, Hashable, Sendable {
    public var text: String
    public var theme: String

    public init(text: String, theme: String) {
        self.text = text
        self.theme = theme
    }
}
