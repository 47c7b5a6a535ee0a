import Foundation

/// Words and phrases that mean one thing to an officer answering requests, read from
/// `Resources/grouping/concepts.txt` (`name: phrase, phrase, …`). "miễn phí", "không mất tiền" and
/// "free" become one term, so two children asking for the same change in their own words share
/// it; the objects and the asks are separate concepts ("ao" ≠ "giếng", "rào" ≠ "dạy"), so requests
/// on one topic that ask for different things keep different terms. Phrases are matched after the
/// children's shorthand is written out, longest first: on the syllables as written when the child
/// used diacritics ("cái ao" is a pond, "cái áo" a shirt), on folded syllables when not.
public struct ConceptLexicon: Sendable {
    struct Phrase: Sendable {
        var syllables: [UInt64]
        var concept: TermKey
    }

    /// Phrases by the key of their first syllable, longest first: as written, and folded.
    private let accented: [UInt64: [Phrase]]
    private let folded: [UInt64: [Phrase]]
    public let conceptCount: Int

    public static let empty = ConceptLexicon(lines: [])

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses the file's lines; a line that is neither a comment, blank nor `name: phrases` is a problem.
    public init(lines: [Substring]) {
        var accented: [UInt64: [Phrase]] = [:]
        var folded: [UInt64: [Phrase]] = [:]
        var concepts = 0
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#"), let colon = text.firstIndex(of: ":") else { continue }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            concepts += 1
            let concept = TermKey(term: "#" + name)
            for phrase in text[text.index(after: colon)...].split(separator: ",") {
                // "=muỗi": matched only as written with its marks; folded, "muoi" is also "mười".
                let phrase = phrase.trimmingCharacters(in: .whitespaces)
                let accentedOnly = phrase.hasPrefix("=")
                let written = VietnameseText(accentedOnly ? String(phrase.dropFirst()) : phrase)
                Self.add(written.accentedTokens, concept, to: &accented)
                if !accentedOnly { Self.add(written.foldedTokens, concept, to: &folded) }
            }
        }
        self.accented = accented.mapValues { $0.sorted { $0.syllables.count > $1.syllables.count } }
        self.folded = folded.mapValues { $0.sorted { $0.syllables.count > $1.syllables.count } }
        conceptCount = concepts
    }

    private static func add(_ tokens: [String], _ concept: TermKey, to table: inout [UInt64: [Phrase]]) {
        let syllables = tokens.map { TokenKey.of($0.utf8) }
        guard let first = syllables.first else { return }
        table[first, default: []].append(Phrase(syllables: syllables, concept: concept))
    }

    /// The bundled lexicon.
    public static func bundled() throws -> ConceptLexicon {
        guard let url = Bundle.module.url(forResource: "concepts", withExtension: "txt", subdirectory: "Resources/grouping") else {
            throw Problem(description: "Resources/grouping/concepts.txt is missing from the bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return ConceptLexicon(lines: text.split(whereSeparator: \.isNewline))
    }

    /// The concept of the longest phrase starting at `position`, and how many syllables it covers.
    /// A syllable written with its marks is matched as written; one written without them (a child
    /// typing "mien phi" in an otherwise accented sentence) could be any reading, so it is matched folded.
    func match(accented: [UInt64], folded: [UInt64], at position: Int) -> (concept: TermKey, length: Int)? {
        if let found = Self.longest(in: self.accented, accented, at: position) { return found }
        guard accented[position] == folded[position] else { return nil }
        return Self.longest(in: self.folded, folded, at: position)
    }

    private static func longest(in table: [UInt64: [Phrase]], _ keys: [UInt64], at position: Int) -> (concept: TermKey, length: Int)? {
        guard let candidates = table[keys[position]] else { return nil }
        for phrase in candidates where position + phrase.syllables.count <= keys.count {
            var matches = true
            for offset in 1..<max(phrase.syllables.count, 1) where keys[position + offset] != phrase.syllables[offset] {
                matches = false
                break
            }
            if matches { return (phrase.concept, phrase.syllables.count) }
        }
        return nil
    }
}
