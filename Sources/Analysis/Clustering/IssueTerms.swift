/// The words that say what an entry asks for. Forum phrasing ("cháu mong", "đề nghị các bác"),
/// pronouns and particles are dropped; what remains, and pairs of neighbouring remaining
/// syllables, are the terms near-duplicates are matched on. Works on folded syllables, so a child
/// writing without diacritics matches one who wrote with them.
enum IssueTerms {
    static let stopwords: Set<String> = [
        // pronouns and forms of address
        "em", "chau", "con", "minh", "toi", "tui", "chung", "bon", "tao", "may", "cac", "nhung", "moi", "cai", "nho",
        "nguoi", "ai", "bac", "chu", "co", "thay", "anh", "chi", "ong", "ba", "me", "bo", "lanh", "dao",
        "nhom",
        // forum verbs and politeness
        "mong", "muon", "de", "nghi", "xuat", "kien", "y", "hoi", "thua", "kinh", "gui", "cam", "on", "xin",
        "a", "oi", "nhe", "nha", "nhen", "ha", "vay", "the", "nay", "kia", "do", "day", "ay",
        // function words
        "va", "la", "khong", "duoc", "cho", "voi", "thi", "ma", "rat", "nhieu", "lam", "qua", "nen", "can",
        "phai", "se", "da", "dang", "bi", "khi", "nao", "gi", "sao", "vi", "tai", "o", "trong", "tren",
        "duoi", "mot", "hai", "hon", "cung", "hay", "neu", "nhu", "roi", "con", "van", "chua", "den",
        "tu", "ra", "vao", "len", "xuong", "lai", "di", "nua", "het", "thuong", "luon", "ca",
        "biet", "thay", "noi", "lam", "co", "the", "chi", "cua", "nhat", "it", "vi", "bao", "gio",
    ]

    /// A content syllable, or a pair of neighbouring content syllables ("gờ giảm", "vé số").
    struct Term: Hashable {
        var key: TermKey
        var isPair: Bool
    }

    /// The text's terms, hashed without building a string per pair: this runs on every entry.
    static func terms(of text: VietnameseText) -> [Term] {
        let tokens = text.foldedTokens
        var terms: [Term] = []
        terms.reserveCapacity(tokens.count * 2)
        var previous: String?
        for token in tokens {
            guard isContent(token) else {
                previous = nil
                continue
            }
            terms.append(Term(key: TermKey(term: token), isPair: false))
            if let previous { terms.append(Term(key: TermKey(pair: previous, token), isPair: true)) }
            previous = token
        }
        return terms
    }

    static func isContent(_ token: String) -> Bool {
        token.utf8.count > 1 && !stopwords.contains(token) && !token.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
