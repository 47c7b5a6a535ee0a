/// The words that say what an entry asks for. Phrases of the concept lexicon become their concept;
/// of the remaining syllables, forum phrasing ("cháu mong", "đề nghị các bác"), pronouns,
/// particles, places and pupils are dropped and the rest are words. Words are folded, so a child
/// writing without diacritics matches one who wrote with them.
enum IssueTerms {
    /// Which terms issue centres are written in: 1 words and word pairs, 2 concepts of the lexicon
    /// and the words outside them, 3 the lexicon's syllables matched only as written with marks
    /// ("=muỗi"), 4 concepts weighed 1.75 times their IDF instead of 1.5 (`TermWeighting`).
    /// Stored centres of an older version are recomputed at the next analysis pass.
    static let version = 4

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
        // Southern and Central particles and pronouns ("giùm", "trơn", "răng", "rứa", "chừ", "mô", "tê", "hè")
        "gium", "dum", "giup", "tron", "rang", "rua", "mo", "te", "he", "ne", "hen", "hong", "hok", "nghen", "lun",
        "thiet", "ui", "tau", "mi", "ta", "no", "ho", "bon", "dzay", "zay",
        // where and when: the place a request is made for is rarely what it asks
        "canh", "ben", "gan", "quanh", "truoc", "sau", "ngoai", "giua", "phia", "ke", "ngay", "luc", "bay",
        "nam", "thang", "tuan", "hom", "mai", "sang", "chieu", "toi", "dem",
        // who and where every entry is from: pupils, schools, villages
        "hoc", "sinh", "truong", "lop", "tre", "ban", "be", "nit", "lon", "xa", "phuong", "huyen", "thon",
        "xom", "lang", "ap",
        // degree, amount, generic nouns and verbs of saying and knowing
        "kha", "cuc", "sieu", "tung", "tat", "vai", "cach", "viec", "dieu", "chuyen", "chiec", "chang", "cha",
        "dau", "nghe", "hieu", "cu", "that", "tieu", "thcs", "thpt",
    ]

    /// A content syllable or a concept of the lexicon.
    struct Term: Hashable {
        var key: TermKey
        var isConcept: Bool
    }

    /// The text's terms, hashed: this runs on every entry. A phrase of the concept lexicon becomes
    /// its concept, whatever words it was written in. Neighbouring pairs of words are not terms
    /// any more (version 1 had them): two wordings of one request rarely share a pair, and a pair
    /// shared by different requests on one topic ("cổng trường") pulled them together.
    static func terms(of text: VietnameseText, lexicon: ConceptLexicon = .empty) -> [Term] {
        let folded = text.foldedTokens
        let foldedKeys = folded.map { TokenKey.of($0.utf8) }
        let accentedKeys = text.hasDiacritics ? text.accentedTokens.map { TokenKey.of($0.utf8) } : foldedKeys
        var terms: [Term] = []
        terms.reserveCapacity(folded.count)
        var position = 0
        while position < folded.count {
            if let concept = lexicon.match(accented: accentedKeys, folded: foldedKeys, at: position) {
                terms.append(Term(key: concept.concept, isConcept: true))
                position += concept.length
                continue
            }
            let token = folded[position]
            position += 1
            if isContent(token) { terms.append(Term(key: TermKey(term: token), isConcept: false)) }
        }
        return terms
    }

    static func isContent(_ token: String) -> Bool {
        token.utf8.count > 1 && !stopwords.contains(token) && !token.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
