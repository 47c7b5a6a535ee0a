/// Where the lexicon's cues lie in one entry, token by token, so that the rules can ask "is the
/// writer within two syllables after this verb?" without searching the matches again.
struct CueLayout {
    typealias Match = PhraseMatcher<DisclosureCue>.Match

    private let tokenCount: Int
    /// Bit `cue.rawValue` set when some phrase of that cue starts at the token.
    private var startsAt: [UInt64]
    /// Bit `cue.rawValue` set when some phrase of that cue ends just before the token.
    private var endsBefore: [UInt64]
    /// Every cue found anywhere (guards only where they are not part of a content phrase).
    private var anywhere: UInt64 = 0
    /// The writer as a person (em bị, đánh em), not a possessive (bố em) or a noun (em bé).
    private var writerAt: [Bool]
    /// A specific child (bạn Nam, bạn ấy, em gái em), not children in general (các bạn).
    private var otherChildAt: [Bool]
    /// A person who is not the writer or a specific child: an adult, a group, "bạn" in general.
    private var personAt: [Bool]
    /// Inside an adverb (hay, lại, ngày nào cũng) that may stand between an agent and a verb.
    private var adverbAt: [Bool]
    private var harmlessRanges: [Range<Int>] = []

    /// - Parameter names: folded keys of words the child capitalised inside a sentence, which
    ///   after "bạn" or "bé" are taken for names (bạn Hoa, bé Na).
    init(_ matches: [Match], text: VietnameseText, names: Set<UInt64>) {
        let tokens = text.tokens
        tokenCount = tokens.count
        startsAt = [UInt64](repeating: 0, count: tokenCount)
        endsBefore = [UInt64](repeating: 0, count: tokenCount + 1)
        writerAt = [Bool](repeating: false, count: tokenCount)
        otherChildAt = [Bool](repeating: false, count: tokenCount)
        personAt = [Bool](repeating: false, count: tokenCount)
        adverbAt = [Bool](repeating: false, count: tokenCount)
        let content = matches.filter(\.cue.isContent).map { $0.start..<$0.end }
        for match in matches {
            let bit: UInt64 = 1 << match.cue.rawValue
            startsAt[match.start] |= bit
            endsBefore[match.end] |= bit
            switch match.cue {
            case .harmless: harmlessRanges.append(match.start..<match.end)
            case .adverb: for index in match.start..<match.end { adverbAt[index] = true }
            case .person: personAt[match.start] = true
            default: break
            }
            if match.cue.isGuard, content.contains(where: { $0.overlaps(match.start..<match.end) }) { continue }
            anywhere |= bit
        }

        // The writer keeps one pronoun: after "Cho em hỏi", a later "con" is someone's child
        // (đánh con), or "còn" written without marks. "con" is the writer's word only when the
        // entry has no other.
        let candidates = matches.filter {
            $0.cue == .writer && !Self.has(.possessor, endsBefore[$0.start]) && !Self.has(.notWriter, startsAt[$0.start])
        }
        let writerWord = (candidates.first { tokens[$0.start].foldedKey != Self.con } ?? candidates.first)
            .map { tokens[$0.start].foldedKey }
        for match in candidates where tokens[match.start].foldedKey == writerWord || tokens[match.start].foldedKey == Self.minh {
            writerAt[match.start] = true
        }

        for match in matches {
            let quantified = Self.has(.quantifier, endsBefore[match.start])
            switch match.cue {
            case .otherChild where !quantified:
                otherChildAt[match.start] = true
            case .childNoun where !quantified && Self.isNamed(after: match.end, tokens: tokens, names: names, startsAt: startsAt):
                otherChildAt[match.start] = true
            case .otherChild, .childNoun:
                personAt[match.start] = true
            default:
                break
            }
        }
        // "nó" after a named child is that child (bạn tên Ba … ba nó đánh nó).
        if let first = otherChildAt.firstIndex(of: true) {
            for match in matches where match.cue == .childPronoun && match.start > first { otherChildAt[match.start] = true }
        }
    }

    private static let minh = TokenKey.of("minh".utf8)
    private static let con = TokenKey.of("con".utf8)
    private static let lop = TokenKey.of("lop".utf8)

    /// "bạn Hoa" (capitalised), or a word that is not a common one followed by the class or a
    /// verb: "bạn lữ lớp em", "ban lan bi …", "ban tuan hay bi …".
    private static func isNamed(after end: Int, tokens: [TokenSpan], names: Set<UInt64>, startsAt: [UInt64]) -> Bool {
        guard end < tokens.count, !has(.notName, startsAt[end]) else { return false }
        if names.contains(tokens[end].foldedKey) { return true }
        guard end + 1 < tokens.count else { return false }
        let next = startsAt[end + 1]
        return tokens[end + 1].foldedKey == lop || has(.passive, next) || has(.adverb, next)
    }

    func has(_ cue: DisclosureCue) -> Bool { Self.has(cue, anywhere) }

    /// Every cue found, guards only where they are not part of a content phrase.
    var cues: UInt64 { anywhere }

    func has(_ cue: DisclosureCue, from first: Int, through last: Int) -> Bool {
        clipped(first, last).contains { Self.has(cue, startsAt[$0]) }
    }

    /// Tokens between `first` and `last` (both included, clipped to the text) where `cue` starts.
    func positions(of cue: DisclosureCue, from first: Int, through last: Int) -> [Int] {
        clipped(first, last).filter { Self.has(cue, startsAt[$0]) }
    }

    func isWriter(_ index: Int) -> Bool { index >= 0 && index < tokenCount && writerAt[index] }

    var mentionsWriter: Bool { writerAt.contains(true) }

    func isOtherChild(_ index: Int) -> Bool { index >= 0 && index < tokenCount && otherChildAt[index] }

    /// Somebody is named between two tokens, so the first is not the subject of what follows the
    /// second: "em nghĩ các bạn bị …", "em không muốn ai phải …".
    func hasPersonBetween(_ first: Int, _ last: Int) -> Bool {
        clipped(first + 1, last - 1).contains { personAt[$0] || otherChildAt[$0] || writerAt[$0] }
    }

    /// Who owns the family member just before a harm with no object: "bố em (hay) đánh" → the
    /// writer, "bố bạn Hoa đánh" → the child. Only adverbs (hay, lại, ngày nào cũng) may come
    /// between; a verb (bảo, nói) means the harm is someone's words, not a deed.
    func ownerOfAgent(before start: Int) -> SafeguardingVictim? {
        var owner = start - 1
        while owner > 0, adverbAt[owner] { owner -= 1 }
        guard owner > 0, Self.has(.familyAgent, endsBefore[owner]) else { return nil }
        if Self.has(.writer, startsAt[owner]) { return .writer }
        if otherChildAt[owner] || Self.has(.otherChild, startsAt[owner]) || Self.has(.childNoun, startsAt[owner]) { return .otherChild }
        return nil
    }

    /// Someone stands in the object slot (đánh em, đánh mẹ, đánh học sinh).
    func hasObject(at index: Int) -> Bool {
        guard index >= 0, index < tokenCount else { return false }
        let bits = startsAt[index]
        return writerAt[index] || otherChildAt[index] || personAt[index] || Self.has(.householdVictim, bits)
            || Self.has(.general, bits) || Self.has(.possessor, bits) || Self.has(.writer, bits)
    }

    /// The phrase itself names the writer (bắt em nghỉ, đưa em đi): its author placed the em.
    func namesWriter(_ match: Match) -> Bool {
        (match.start..<match.end).contains { writerAt[$0] }
    }

    /// The object slot after a verb ending at `end`: the first token after at most two bridge words.
    func objectPosition(after end: Int) -> Int {
        var position = end
        while position < min(end + 2, tokenCount), Self.has(.bridge, startsAt[position]) { position += 1 }
        return position
    }

    /// A new clause starts at the token (em thấy …), so the em before it is its subject.
    func startsClause(_ index: Int) -> Bool { index < tokenCount && Self.has(.clauseStart, startsAt[index]) }

    /// A denial ends right before the match (không đánh, chưa bao giờ bị đánh). "Đừng" denies
    /// too (đừng đánh bạn), unless the child asks someone to stop: a call (mẹ ơi) or "nữa"
    /// (đừng đánh con nữa) says it is happening.
    func isDenied(_ match: Match) -> Bool {
        if Self.has(.negation, endsBefore[match.start]) { return true }
        guard Self.has(.stop, endsBefore[match.start]) else { return false }
        return !(has(.vocative) || has(.again, from: match.end, through: match.end + 8))
    }

    /// The match overlaps an idiom or a harmless sense (đánh răng, nóng muốn chết).
    func isHarmless(_ match: Match) -> Bool {
        harmlessRanges.contains { $0.overlaps(match.start..<match.end) }
    }

    private static func has(_ cue: DisclosureCue, _ bits: UInt64) -> Bool { cue.isIn(bits) }

    private func clipped(_ first: Int, _ last: Int) -> Range<Int> {
        let lower = max(first, 0), upper = min(last + 1, tokenCount)
        return lower < upper ? lower..<upper : 0..<0
    }
}
