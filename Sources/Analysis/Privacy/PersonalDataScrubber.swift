import Foundation

/// Removes personal details from free text that leaves the instance (issue texts in summaries and
/// reports): e-mail addresses, phone numbers and ID numbers become [email], [SĐT] and [CCCD]; a
/// person's name after a kinship or address word becomes [tên]; a house, alley or hamlet address
/// becomes [địa chỉ]. Children write their mother's number "so the leaders can call", name the
/// classmate who bullies them and say which alley they live in; none of it may travel upward.
///
/// Names. A name is recognised only where Vietnamese puts one, and the trigger word stays:
/// - after a kinship or address word (bạn, em, anh, chị, cô, chú, bác, ông, bà, cháu, bé, thầy;
///   without diacritics ban, em, anh, chi, co, chu, bac, ong, ba, chau, be; teen spellings bn, pn,
///   cj), optionally after a role word ("cô giáo Hạnh", "bạn cùng bàn Tuấn", "em gái Lan");
/// - after "tên" ("em tên Lan", "tên em là Nguyễn Thị Hoa", "ten la mai");
/// - after "là" following a first-person pronoun ("em là Phương", "cháu là Trang").
/// The word there is a name when it is capitalised mid-sentence and is not an ordinary word
/// (bạn Bè, cô Giáo, ông Bà, chú Công an, Tết…), or when it is one of the common given names or
/// surnames below whose lowercase form is not also an everyday word (bạn lan, em tuấn, ban linh).
/// "mai" (tomorrow), "an" (safe), "nam" (male), "minh" (= mình without diacritics) and the like
/// count only when capitalised. Up to four syllables are taken, and a list goes on through "," /
/// "và" / "với" ("bạn Lan, Mai và Hùng"). Capitals are no evidence in Title Case or ALL CAPS text:
/// there only listed names count. Folk and public figures (Bác Hồ, Bà Tiên, chú Cuội, chị Hằng Nga,
/// ông Táo, ông Già Noel), places (các bạn Hà Nội, các bạn Thái Lan, Bà Rịa), nationalities after
/// "các/những" (các bạn Mỹ), street names (đường Bà Triệu, Hai Bà Trưng), birth-order forms of
/// address (anh Hai, chú Tư, bé Út) and school subjects (cô Toán, cô Văn) are not names.
///
/// Addresses. "số nhà N", "nhà số N", "hẻm/ngõ/ngách/kiệt N(/M)", "tổ (dân phố) N" and
/// "thôn/xóm/ấp/khóm N" or "thôn/xóm/ấp/khóm Name" (a capitalised name), with or without
/// diacritics, with what follows them through spaces or a comma: a street name after the number,
/// "đường/phố Name", further parts (khu phố, tổ, ngõ, phường, xã…). "đường Name số N", "số N đường
/// Name", "N đường Name" and "ở/tại N Name" are house addresses too. Only a number or a capitalised
/// name after the address word makes an address: tổ chức, Tổ quốc, ấp ủ, lối xóm, nông thôn, ngõ lời
/// stay; so do a number with a unit (tổ 10 bạn, to 10 tuoi), a class group (tổ 3 lớp em, tổ trưởng
/// tổ 2) and a street name alone, without a house number ("đường Lê Lợi hay kẹt xe" names a place
/// everyone shares, not a home). District, province and city are kept.
///
/// Text outside a replacement is copied byte for byte. Word lists are compared without case and,
/// for words written without diacritics, without diacritics (đ → d); a word written with
/// diacritics must carry the listed ones, so có, chỉ, bắc are not cô, chị, bác. Without diacritics
/// co, chi, chu, bac, ong, ba, be, chau are more often có, chỉ, chữ, bạc…: after them only a
/// capitalised name counts ("co lan em bi danh" is "có lần em bị đánh").
///
/// Not caught, by design: a name with no trigger word before it ("Lan ơi", "Nguyễn Văn An, lớp
/// 5B"), a lowercase name that is also an everyday word ("bạn mai", "em nam"), a given name that is
/// also a province after "các/những", a street name without a house number, a ward, commune,
/// district or city, and apartment or room numbers. Over-caught, accepted: "tổ N" of a class
/// written without "lớp" next to it, and nicknames of pets or public figures after a kinship word.
public enum PersonalDataScrubber {
    private static let email = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    /// A run of digits with the separators people type between groups: spaces, dots, dashes, brackets.
    private static let digitRun = try! NSRegularExpression(pattern: #"\+?\d[\d\s.\-()]{7,}\d"#)

    public static func scrub(_ text: String) -> String {
        var result = text
        let table = letterTable
        // Vietnamese letters are in the table; only other scalars need Unicode's digit property.
        if text.unicodeScalars.contains(where: {
            $0 == "@" || ($0.value >= 0x30 && $0.value <= 0x39)
                || ($0.value >= 0x80 && ($0.value >= 0x1F00 || table[Int($0.value)].folded == 0)
                    && $0.properties.numericType != nil)
        }) {
            result = replace(email, in: result) { _ in "[email]" }
            result = replace(digitRun, in: result) { match in
                let digits = match.filter(\.isNumber)
                let international = match.hasPrefix("+84") || (digits.hasPrefix("84") && digits.count == 11)
                if (digits.hasPrefix("0") && (digits.count == 10 || digits.count == 11)) || international {
                    return "[SĐT]"
                }
                if digits.count == 12 || digits.count == 9 { return "[CCCD]" }
                return nil
            }
        }
        return scrubNamesAndAddresses(result)
    }

    /// Replaces each match for which `replacement` gives a value, leaving the others as written.
    private static func replace(
        _ pattern: NSRegularExpression, in text: String,
        _ replacement: (String) -> String?
    ) -> String {
        let whole = NSRange(text.startIndex..., in: text)
        var result = ""
        var cursor = text.startIndex
        for match in pattern.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text) else { continue }
            let found = String(text[range])
            // A match may swallow the space before the next word; keep trailing separators.
            let trimmed = found.trimmingCharacters(in: .whitespaces)
            guard let value = replacement(trimmed) else { continue }
            result += text[cursor..<range.lowerBound]
            result += value
            if found.hasSuffix(" ") { result += " " }
            cursor = range.upperBound
        }
        result += text[cursor...]
        return result
    }

    // MARK: - Names and addresses

    private static func scrubNamesAndAddresses(_ text: String) -> String {
        let tokens = tokenize(text)
        guard tokens.contains(where: { $0.isNumber || triggers.contains($0.folded) }) else { return text }
        var scan = Scan(tokens: tokens)
        scan.findAddresses()
        scan.findNames()
        guard !scan.spans.isEmpty else { return text }
        scan.spans.sort { $0.from < $1.from }
        let scalars = text.unicodeScalars
        var result = String.UnicodeScalarView()
        var cursor = scalars.startIndex
        for span in scan.spans {
            result.append(contentsOf: scalars[cursor..<tokens[span.from].start])
            result.append(contentsOf: span.replacement.unicodeScalars)
            cursor = tokens[span.to].end
        }
        result.append(contentsOf: scalars[cursor...])
        return String(result)
    }

    /// What stands between a token and the one before it.
    private enum Gap { case sentence, dot, space, comma, slash, dash, other }

    private struct Token {
        var start: String.Index
        var end: String.Index
        /// Lower case, diacritics removed, đ → d.
        var folded: String
        /// Lower case with its diacritics, as ASCII: each marked letter is its base letter followed
        /// by an upper-case code (ạ → "aE"), so look-ups hash plain ASCII and need no normalisation.
        var key: String
        /// Written with a diacritic (or a letter outside a–z).
        var marked: Bool
        var capitalised: Bool
        /// Two or more letters, all upper case.
        var allCaps: Bool
        /// Digits, optionally one trailing letter: 12, 5B.
        var isNumber: Bool
        /// Letters only.
        var isWord: Bool
        var letters: Int
        var gap: Gap
    }

    private struct Letter {
        /// ASCII letter or digit without marks; 0 when the scalar is not a Vietnamese letter or digit.
        var folded: UInt8 = 0
        /// 0 for a plain letter; otherwise which marked form of `folded` it is, as an upper-case letter.
        var mark: UInt8 = 0
        var upper = false
    }

    /// Every precomposed Vietnamese letter lies below U+1F00.
    private static let letterTable: [Letter] = {
        var table = [Letter](repeating: Letter(), count: 0x1F00)
        func put(_ letter: Character, _ folded: UInt8, _ mark: UInt8) {
            let lower = letter.unicodeScalars.first!
            table[Int(lower.value)] = Letter(folded: folded, mark: mark, upper: false)
            let upper = String(letter).uppercased().unicodeScalars
            if upper.count == 1, let scalar = upper.first, scalar.value < 0x1F00 {
                table[Int(scalar.value)] = Letter(folded: folded, mark: mark, upper: true)
            }
        }
        for ascii in UInt8(ascii: "a")...UInt8(ascii: "z") { put(Character(Unicode.Scalar(ascii)), ascii, 0) }
        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(digit)] = Letter(folded: digit) }
        let rows: [(String, Character)] = [
            ("àáảãạăằắẳẵặâầấẩẫậ", "a"), ("đ", "d"), ("èéẻẽẹêềếểễệ", "e"), ("ìíỉĩị", "i"),
            ("òóỏõọôồốổỗộơờớởỡợ", "o"), ("ùúủũụưừứửữự", "u"), ("ỳýỷỹỵ", "y"),
        ]
        for (row, folded) in rows {
            for (index, letter) in row.precomposedStringWithCanonicalMapping.enumerated() {
                put(letter, folded.asciiValue!, UInt8(ascii: "A") + UInt8(index))
            }
        }
        return table
    }()

    /// The folded form and the key of one word (or of a decomposed token, after composing it).
    private static func encode(_ word: String, letters table: [Letter]) -> (folded: String, key: String, marked: Bool) {
        var folded: [UInt8] = [], key: [UInt8] = []
        var marked = false
        for scalar in word.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let value = scalar.value
            if value < 0x1F00, table[Int(value)].folded != 0 {
                let letter = table[Int(value)]
                folded.append(letter.folded); key.append(letter.folded)
                if letter.mark != 0 { key.append(letter.mark); marked = true }
            } else if (0x0300...0x036F).contains(value) {
                key.append(contentsOf: String(Character(scalar)).utf8); marked = true
            } else {
                folded.append(contentsOf: String(Character(scalar)).utf8)
                key.append(contentsOf: String(Character(scalar)).utf8)
                if value >= 0x80 { marked = true }
            }
        }
        return (String(decoding: folded, as: UTF8.self), String(decoding: key, as: UTF8.self), marked)
    }

    private static func tokenize(_ text: String) -> [Token] {
        let table = letterTable
        let scalars = text.unicodeScalars
        var tokens: [Token] = []
        var folded: [UInt8] = [], key: [UInt8] = []
        folded.reserveCapacity(16); key.reserveCapacity(24)
        var inToken = false
        var start = scalars.startIndex, gapStart = scalars.startIndex
        var marked = false, firstUpper = false, allUpper = true, firstDigit = false, decomposed = false
        var letters = 0, digits = 0, digitAfterLetter = false

        func finish(at end: String.Index) {
            let gap: Gap = tokens.isEmpty ? .sentence : classify(scalars[gapStart..<start])
            let word = !firstDigit && digits == 0
            let number = firstDigit && !digitAfterLetter && letters <= 1 && !marked
            var foldedText = String(decoding: folded, as: UTF8.self), keyText = String(decoding: key, as: UTF8.self)
            if decomposed || (marked && folded.contains(where: { $0 >= 0x80 })) {
                (foldedText, keyText, _) = encode(String(scalars[start..<end]), letters: table)
            }
            tokens.append(
                Token(
                    start: start, end: end, folded: foldedText, key: keyText,
                    marked: marked, capitalised: firstUpper && !firstDigit,
                    allCaps: allUpper && letters >= 2, isNumber: number, isWord: word,
                    letters: letters, gap: gap))
            inToken = false
            gapStart = end
        }

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            var kind = 0  // 0 separator, 1 letter, 2 digit, 3 combining mark
            var entry = Letter()
            if value < 0x1F00, table[Int(value)].folded != 0 {
                entry = table[Int(value)]
                kind = entry.folded <= UInt8(ascii: "9") ? 2 : 1
            } else if (0x0300...0x036F).contains(value) {
                kind = 3
            } else if value >= 0x80, scalar.properties.isAlphabetic {
                kind = 1
                entry = Letter(folded: 0, mark: 0, upper: scalar.properties.isUppercase)
            }
            if kind == 0 || (kind == 3 && !inToken) {
                if inToken { finish(at: index) }
            } else {
                if !inToken {
                    inToken = true
                    start = index
                    folded.removeAll(keepingCapacity: true); key.removeAll(keepingCapacity: true)
                    marked = false; firstUpper = entry.upper; allUpper = true; firstDigit = kind == 2
                    decomposed = false; letters = 0; digits = 0; digitAfterLetter = false
                }
                switch kind {
                case 1:
                    letters += 1
                    if !entry.upper { allUpper = false }
                    if entry.folded != 0 {
                        folded.append(entry.folded); key.append(entry.folded)
                        if entry.mark != 0 { key.append(entry.mark); marked = true }
                    } else {
                        // A letter outside Vietnamese: encode() spells the token out below.
                        folded.append(0x80)
                        marked = true
                    }
                case 2:
                    digits += 1
                    if letters > 0 { digitAfterLetter = true }
                    folded.append(entry.folded); key.append(entry.folded)
                default:
                    marked = true
                    decomposed = true
                }
            }
            scalars.formIndex(after: &index)
        }
        if inToken { finish(at: scalars.endIndex) }
        return tokens
    }

    private static func classify(_ gap: Substring.UnicodeScalarView) -> Gap {
        var commas = 0, slashes = 0, dashes = 0, other = 0
        if gap.count == 1, gap.first == "." { return .dot }
        for scalar in gap {
            switch scalar {
            case " ", "\t", "\u{00A0}": break
            case ".", "!", "?", "\n", "\r", ":", ";", "…", "\u{2028}", "\u{2029}": return .sentence
            case ",": commas += 1
            case "/": slashes += 1
            case "-": dashes += 1
            default: other += 1
            }
        }
        if other == 0, slashes == 0, dashes == 0 { return commas == 0 ? .space : commas == 1 ? .comma : .other }
        if gap.count == 1 { return slashes == 1 ? .slash : dashes == 1 ? .dash : .other }
        return .other
    }

    // MARK: Word lists

    private static func words(_ list: String) -> [String] {
        list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.lowercased().precomposedStringWithCanonicalMapping }
    }

    private static func fold(_ word: String) -> String { encode(word, letters: letterTable).folded }

    private static func key(_ word: String) -> String { encode(word, letters: letterTable).key }

    /// A word list matched as written when the text word has diacritics, and without diacritics
    /// when it has none.
    private struct Lexicon {
        /// Keys of the words written with diacritics.
        var marked: Set<String> = []
        /// Folded forms matched by words written without diacritics.
        var plain: Set<String> = []
        /// Keys of every written word, diacritics as written.
        var written: Set<String> = []

        /// `written`: words as spelled, with their diacritics (with `foldWritten` their folded forms
        /// also match words written without diacritics); `plainOnly`: further forms matched only by
        /// words written without diacritics.
        init(_ written: String, plainOnly: String = "", foldWritten: Bool = true) {
            for word in PersonalDataScrubber.words(written) {
                let (folded, key, isMarked) = PersonalDataScrubber.encode(word, letters: PersonalDataScrubber.letterTable)
                self.written.insert(key)
                if !isMarked {
                    plain.insert(folded)
                } else {
                    marked.insert(key)
                    if foldWritten { plain.insert(folded) }
                }
            }
            for word in PersonalDataScrubber.words(plainOnly) { plain.insert(PersonalDataScrubber.fold(word)) }
        }

        func contains(_ token: Token) -> Bool { token.marked ? marked.contains(token.key) : plain.contains(token.folded) }

        /// In text that uses diacritics, a word without any is taken as written: "anh Hai" there is
        /// hai (the eldest), not Hải.
        func contains(_ token: Token, textHasMarks: Bool) -> Bool {
            token.marked || !textHasMarks ? contains(token) : written.contains(token.key)
        }
    }

    /// Kinship and address words that come before a name; in text without diacritics their plain
    /// forms, and children's short spellings.
    private static let kinshipWords = "bạn em anh chị cô chú bác ông bà cháu bé thầy"
    private static let kinship = Lexicon(
        kinshipWords,
        plainOnly: "ban bn pn em anh chi cj co chu bac ong ba chau be",
        foldWritten: false)

    /// Written without diacritics these are more often something else (có, chỉ, chữ, bạc, ống, ba,
    /// bè, châu): a name after them must be capitalised.
    private static let ambiguousPlainKinship: Set<String> = ["co", "chi", "chu", "bac", "ong", "ba", "be", "chau"]

    private static let surnames = """
        nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào cao lương mai
        trịnh lâm vương kiều triệu thái lưu quách hà tăng lục mạc châu giáp khúc chu hứa doãn phùng nghiêm tôn
        """
    private static let middleNames = """
        văn thị hữu đức quang gia bảo hoài khánh kim thanh minh ngọc xuân thu hồng phương như diệu thùy thuỳ
        mỹ tuệ trọng đình duy chí tiến mạnh nhật hải tấn quốc
        """
    private static let givenNames = """
        an anh ánh ân bảo bích bình châu chi cúc cường dung dũng duy dương đạt điệp đông đức giang hà hải
        hạnh hào hằng hân hậu hiền hiển hiếu hiệp hoa hòa hoà hoài hoàng hồng huệ hùng hưng hương hường huy
        huyền khải khang khánh khoa khôi khuê kiên kiệt kim lam lâm lan linh loan long lộc lợi luân lực ly mai
        mạnh minh my mỹ na nam nga ngà ngân nghĩa ngọc nguyên nhàn nhân nhật nhi nhiên nhung như oanh phát phi
        phong phú phúc phụng phương phượng quân quang quế quốc quyên quỳnh sang sơn sương tài tâm tân tấn thái
        thắng thanh thành thảo thiện thịnh thoa thơ thu thủy thuỷ thùy thuỳ thúy thuý thư thương tiến tiên tín
        toàn trang trâm trí trinh trọng trúc trung tú tuấn tùng tuyết uyên vân việt vinh vĩ vũ vy vượng xuân
        yến diệp diệu đào nhã tường hạ đan hoan
        bi bin bống tí tèo cún bông sóc mít su bo ken bơ xu nhím bắp
        """
    /// Every listed name, any case.
    private static let names = Lexicon(surnames + " " + middleNames + " " + givenNames)
    /// Names that count in lowercase after a kinship word: their lowercase spelling is not an
    /// everyday word there ("bạn lan", "em tuấn"; not "em mai đi học", "bạn bình thường").
    private static let lowercaseNames = Lexicon(
        """
        nguyễn huỳnh đặng bùi dương trịnh kiều quách cúc cường điệp đức hà hải huệ hương hường huyền khải
        khánh khôi lộc ngân ngọc phú phúc phương phượng quỳnh thịnh thúy thuý thùy thuỳ tín trâm tú tuấn
        tùng tuyết uyên yến diệp diệu khuê bích quế sương ngà bống tèo nhiên
        """,
        plainOnly: """
            nguyen huynh bui quach lan cuong diep linh loan long phuong quynh thinh thuy tram uyen vy khue khanh
            khang huy na nhien bich bin teo oanh
            """, foldWritten: false)

    /// Surnames and middle names that, in lowercase, show the next listed word is part of the
    /// same full name: nguyễn văn an, trần thị hoa.
    private static let fullNameParts = Lexicon(
        """
        nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ ngô trịnh quách văn thị hữu đình
        """, plainOnly: "nguyen tran pham hoang huynh phan dang bui ngo trinh quach van thi huu dinh",
        foldWritten: false)

    /// Ordinary words that follow kinship words; capitalised (Title Case, random capitals) they are
    /// still not names. Listed names are taken out of the plain forms (ban Nam, chu Tu stay names).
    private static let ordinaryWords: Lexicon = {
        var lexicon = Lexicon(
            """
            bạn bè bé nhỏ lớn em chị cô chú bác ông bà cháu con thầy mình tớ tôi ta họ nó ấy kia này đó đây
            mẹ bố ba má cha dì dượng cậu mợ thím chồng vợ nội ngoại trai gái ruột thân cả út hai tư năm sáu bảy
            tám chín mười xinh đẹp già trẻ nữ các những mọi mấy
            giáo sĩ công cảnh lao bộ đội đoàn hiệu tổng phụ chủ lãnh y lái xe hàng sinh học trưởng phó giám tổ
            chấp đại chỉ thường quản điều kiểm tuyên biên ủy hội sở phòng trường lớp nhà viện tình kỹ nông ngư
            thợ người họa ca diễn vận huấn hướng phường xã quận huyện tỉnh thành thị
            toán văn tiếng sử địa hóa hoá nhạc thể lịch tin
            tết thứ hôm tối sáng chiều trưa đêm ngày tuần tháng cuối đầu
            ơi ạ à nhé nha nhá nhỉ và với của là có không chưa được đã đang sẽ cũng rất hãy hay thì mà muốn
            mong thích thấy biết nghĩ chơi đi về ở trong ngoài hỏi nói làm giúp cho gửi yêu nhớ ăn uống ngủ bị
            bắt đánh tên nào gì ai nhiều ít đều vẫn còn lại tự luôn phải cần nên xin cảm chúc kính thưa dạ vâng
            lo sợ buồn vui khóc cười xem đọc viết nghe tham mới lúc khi sau trước đâu dạy chăm đưa đón mua khen
            mắng ơn đừng rồi thật quá lắm chúng bụt tấm cám phật chúa trời huế chào mời hứa gặp thăm tặng nhờ
            gọi nhắn kể dẫn chở bán lính cứu dân huynh thiếu nhi cán shipper
            """)
        lexicon.plain.subtract(names.plain)
        return lexicon
    }()
    /// Birth-order forms of address (anh Hai, chú Tư, bé Út): not names on their own, but a given
    /// name after a surname ("chú Ngô Văn Bảy").
    private static let birthOrder = Lexicon("hai ba tư năm sáu bảy tám chín mười út cả")
    /// Capitalised words after a kinship word that are never a person here.
    private static let notPersons: Set<String> = [
        "google", "facebook", "zalo", "youtube", "tiktok", "messenger", "instagram", "noel", "tet", "troi",
        "giong", "cuoi", "but", "tao",
    ]
    /// Places and figures that start with a kinship word or a name-like syllable.
    private static let notPersonPhrases: Set<String> = Set(
        words(
            """
            viet_nam ha_noi sai_gon ho_chi_minh ho_guom ho_tay da_nang hai_phong can_tho thai_lan trung_quoc
            nhat_ban han_quoc an_do chau_au chau_a chau_phi chau_my chau_uc chau_doc bac_ho ba_trieu ba_trung
            ba_ria ba_na ba_den ba_dinh ba_be ba_tien ong_but chu_cuoi co_tam ong_tao ong_troi ong_dia co_loa
            linh_tinh lan_man lan_can lan_toa lan_truyen long_lanh
            hang_nga trung_thu trung_uong bac_ninh bac_giang bac_kan bac_lieu lao_cai son_la dien_bien da_lat
            vung_tau nha_trang ca_mau dak_lak kon_tum gia_lai tay_nguyen phu_quoc ha_long sa_pa mien_nam
            mien_bac mien_trung nghe_an ha_tinh quang_ngai quang_tri lang_son cao_bang yen_bai tay_ninh ben_tre
            tra_vinh soc_trang dong_thap tien_giang dong_nai binh_duong thanh_hoa lai_chau hau_giang
            """
        ).map { $0.replacingOccurrences(of: "_", with: " ") })
    private static let countries: Set<String> = [
        "viet nam", "thai lan", "trung quoc", "nhat ban", "han quoc", "an do", "chau au", "chau a", "chau phi",
        "chau my", "chau uc", "mien nam", "mien bac", "mien trung",
    ]
    /// Provinces whose names are also people's names: a place only after "các/những" (các bạn Hải Dương).
    private static let placePhrases: Set<String> = Set(
        words(
            """
            ha_giang ha_nam hai_duong thai_binh nam_dinh ninh_binh phu_tho tuyen_quang thai_nguyen quang_nam
            quang_binh quang_ninh binh_dinh phu_yen khanh_hoa lam_dong vinh_long kien_giang an_giang long_an
            hung_yen binh_thuan ninh_thuan binh_phuoc vinh_phuc hoa_binh
            """
        ).map { $0.replacingOccurrences(of: "_", with: " ") })
    /// After "các bạn", "những anh chị": a people, not a person.
    private static let nationalities: Set<String> = [
        "my", "lao", "phap", "uc", "nhat", "han", "an", "duc", "nga", "anh", "thai", "campuchia", "singapore",
        "canada", "trung",
    ]
    private static let plural = Lexicon("các những mấy", plainOnly: "cac nhung may", foldWritten: false)
    /// A kinship word after these is part of a street, school or place name (đường Bà Triệu).
    private static let placeWords = Lexicon(
        """
        đường phố trường ngõ hẻm núi sông đền chùa cầu chợ bến ga quận phường huyện xã tỉnh lăng tượng hồ
        đảo viện kiệt làng
        """, plainOnly: "duong pho truong ngo hem nui phuong huyen lang kiet", foldWritten: false)
    /// Words between a kinship word and a name: cô giáo Hạnh, bạn cùng bàn Tuấn, em gái Lan.
    private static let roleWords = Lexicon(
        """
        giáo chủ nhiệm bảo vệ trai gái họ thân ruột út cả cùng lớp bàn hàng xóm kế bên nuôi phụ trách tổng
        lao công dạy y tá sĩ
        """,
        plainOnly: """
            giao chu nhiem bao ve trai gai ho than ruot ut ca cung lop ban hang xom ke ben nuoi phu trach tong
            lao cong day y ta si
            """, foldWritten: false)
    private static let connectors = Lexicon("và với cùng hoặc", plainOnly: "va voi cung hoac", foldWritten: false)
    /// First-person pronouns before "là": em là Phương.
    private static let pronouns = Lexicon(
        "em mình tớ tôi cháu con", plainOnly: "em minh toi chau con",
        foldWritten: false)
    /// Words between "tên" and "là": tên em là, tên bạn ấy là, tên đầy đủ của mình là.
    private static let nameFillers = Lexicon(
        """
        em mình tớ tôi cháu con bạn ấy anh chị nó của đầy đủ thật gọi thân mật khai sinh ở nhà cô chú bác
        ông bà
        """,
        plainOnly: """
            em minh to toi chau con ban bn ay anh chi no cua day du that goi than mat khai sinh o nha co chu bac
            ong ba
            """, foldWritten: false)
    private static let laWord = Lexicon("là", plainOnly: "la", foldWritten: false)
    private static let tenWord = Lexicon("tên", plainOnly: "ten", foldWritten: false)

    /// Address words, as written and without diacritics.
    private enum AddressWord {
        case so, nha, hem, ngo, ngach, kiet, to, dan, pho, duong, thon, xom, ap, khom,
            khu, phuong, xa, o, tai, stop
    }
    private static let addressMarked: [String: AddressWord] = Dictionary(
        uniqueKeysWithValues: ([
            "số": .so, "nhà": .nha, "hẻm": .hem, "ngõ": .ngo, "ngách": .ngach, "kiệt": .kiet, "tổ": .to,
            "dân": .dan, "phố": .pho, "đường": .duong, "thôn": .thon, "xóm": .xom, "ấp": .ap, "khóm": .khom,
            "phường": .phuong, "xã": .xa, "ở": .o, "tại": .tai,
            "quận": .stop, "huyện": .stop, "tỉnh": .stop,
        ] as [String: AddressWord]).map { (key($0.key), $0.value) })
    private static let addressPlain: [String: AddressWord] = [
        "so": .so, "nha": .nha, "hem": .hem, "ngo": .ngo, "ngach": .ngach, "kiet": .kiet, "to": .to,
        "dan": .dan, "pho": .pho, "duong": .duong, "thon": .thon, "xom": .xom, "ap": .ap, "khom": .khom,
        "khu": .khu, "phuong": .phuong, "xa": .xa, "o": .o, "tai": .tai,
        "quan": .stop, "huyen": .stop, "tinh": .stop, "tp": .stop,
    ]
    /// A number followed by one of these counts something; it is not a house or alley number.
    private static let units: Set<String> = Set(
        words(
            """
            tuoi nguoi ban bn lan gio phut giay ngay thang nam tuan cm m km kg g mm met nghin ngan trieu ti k
            dong d vnd diem quyen cai con chiec bai tiet lop cua phan tang
            """))

    /// Folded words that can start a name or an address: without one (and without a digit) the
    /// text is returned as it is.
    private static let triggers: Set<String> = {
        var set = kinship.plain.union(words(kinshipWords).map(fold))
        set.formUnion(addressPlain.keys)
        set.formUnion(["ten", "la"])
        return set
    }()

    // MARK: The scan

    private struct Scan {
        let tokens: [Token]
        var covered: [Bool]
        var spans: [(from: Int, to: Int, replacement: String)] = []
        /// Title Case or ALL CAPS: capitals say nothing, only listed names count.
        var titleCase = false
        let isKin: [Bool]
        /// The writer uses diacritics: a word written without them is meant as written.
        let hasMarks: Bool

        init(tokens: [Token]) {
            self.tokens = tokens
            hasMarks = tokens.contains(where: \.marked)
            covered = [Bool](repeating: false, count: tokens.count)
            isKin = tokens.map { $0.isWord && PersonalDataScrubber.kinship.contains($0) }
        }

        private func spaced(_ index: Int) -> Bool { index < tokens.count && tokens[index].gap == .space }

        private func address(_ index: Int) -> AddressWord? {
            guard index < tokens.count, tokens[index].isWord else { return nil }
            let token = tokens[index]
            return token.marked
                ? PersonalDataScrubber.addressMarked[token.key]
                : PersonalDataScrubber.addressPlain[token.folded]
        }

        private func folded(_ index: Int) -> String { tokens[index].folded }

        /// The phrase of two or three words starting at `index` when it is in `set`.
        private func phrase(at index: Int, in set: Set<String>) -> Bool {
            guard index + 1 < tokens.count, spaced(index + 1) else { return false }
            let two = folded(index) + " " + folded(index + 1)
            if set.contains(two) { return true }
            guard spaced(index + 2) else { return false }
            return set.contains(two + " " + folded(index + 2))
        }

        // MARK: Addresses

        mutating func findAddresses() {
            var index = 0
            while index < tokens.count {
                if let range = addressPhrase(at: index) {
                    spans.append((range.lowerBound, range.upperBound, "[địa chỉ]"))
                    for covered in range { self.covered[covered] = true }
                    index = range.upperBound + 1
                } else {
                    index += 1
                }
            }
        }

        /// A house or alley number (12, 12/3, 45-47, 5B), or nil when there is none at `index` or it
        /// counts something ("10 tuổi", "tổ 3 lớp em").
        private func number(at index: Int) -> Int? {
            guard index < tokens.count, tokens[index].isNumber else { return nil }
            var end = index
            while end + 1 < tokens.count, tokens[end + 1].isNumber,
                tokens[end + 1].gap == .slash || tokens[end + 1].gap == .dash
            {
                end += 1
            }
            if spaced(end + 1), tokens[end + 1].isWord, PersonalDataScrubber.units.contains(folded(end + 1)) {
                return nil
            }
            // 2.5, 127.0.0.1: a decimal or an IP address, not a house number.
            if end + 1 < tokens.count, tokens[end + 1].gap == .dot, tokens[end + 1].isNumber { return nil }
            return end
        }

        /// "số" before a number is optional: hẻm số 8, thôn số 3.
        private func number(afterWordAt index: Int) -> Int? {
            guard spaced(index + 1) else { return nil }
            if address(index + 1) == .so, spaced(index + 2), let end = number(at: index + 2) { return end }
            return number(at: index + 1)
        }

        /// A capitalised place or street name: Lê Lợi, Hai Bà Trưng, Nguyễn Thị Minh Khai, Đông.
        private func properName(at index: Int) -> Int? {
            guard index < tokens.count, tokens[index].isWord, tokens[index].capitalised,
                address(index) == nil, !cityAt(index)
            else { return nil }
            var end = index
            while end - index < 3, spaced(end + 1), tokens[end + 1].isWord, tokens[end + 1].capitalised,
                address(end + 1) == nil, !cityAt(end + 1)
            {
                end += 1
            }
            return end
        }

        /// "Thành phố", "Thị xã", "Thị trấn" start the next part, not a street name.
        private func cityAt(_ index: Int) -> Bool {
            guard spaced(index + 1), tokens[index + 1].isWord else { return false }
            switch (folded(index), folded(index + 1)) {
            case ("thanh", "pho"), ("thi", "xa"), ("thi", "tran"): return true
            default: return false
            }
        }

        private func previous(_ index: Int, in lexicon: Lexicon) -> Bool {
            index > 0 && tokens[index].gap == .space && tokens[index - 1].isWord && lexicon.contains(tokens[index - 1])
        }

        private static let afterNong = Lexicon("nông", plainOnly: "nong", foldWritten: false)
        private static let beforeXom = Lexicon("hàng lối làng", plainOnly: "hang loi lang", foldWritten: false)
        private static let beforeTo = Lexicon("trưởng phó", plainOnly: "truong", foldWritten: false)
        private static let classWord = Lexicon("lớp", plainOnly: "lop", foldWritten: false)

        /// One address part starting at `index`; `first` for the word that opens an address.
        private func part(at index: Int, first: Bool) -> Int? {
            guard let word = address(index) else { return nil }
            switch word {
            case .so:
                // số nhà 12; inside an address also "số 45".
                if address(index + 1) == .nha, spaced(index + 1) { return number(afterWordAt: index + 1) }
                return first ? nil : number(afterWordAt: index)
            case .nha:
                guard address(index + 1) == .so, spaced(index + 1) else { return nil }
                return number(afterWordAt: index + 1)
            case .hem, .ngo, .ngach, .kiet:
                return number(afterWordAt: index)
            case .to:
                // tổ trưởng tổ 2, lớp 3 tổ 2: a group of a class.
                if previous(index, in: Scan.beforeTo) { return nil }
                if index >= 2, tokens[index].gap == .space, tokens[index - 1].isNumber, tokens[index - 1].gap == .space,
                    tokens[index - 2].isWord, Scan.classWord.contains(tokens[index - 2])
                {
                    return nil
                }
                if address(index + 1) == .dan, spaced(index + 1), address(index + 2) == .pho, spaced(index + 2) {
                    return number(afterWordAt: index + 2)
                }
                return number(afterWordAt: index)
            case .thon, .xom, .ap, .khom:
                if word == .thon, previous(index, in: Scan.afterNong) { return nil }
                if word == .xom, previous(index, in: Scan.beforeXom) { return nil }
                if let end = number(afterWordAt: index) { return end }
                guard spaced(index + 1), !phrase(at: index + 1, in: PersonalDataScrubber.notPersonPhrases)
                else { return nil }
                return properName(at: index + 1)
            case .khu:
                guard !first else { return nil }
                let at = address(index + 1) == .pho && spaced(index + 1) ? index + 1 : index
                if let end = number(afterWordAt: at) { return end }
                return spaced(at + 1) ? properName(at: at + 1) : nil
            case .phuong, .xa:
                guard !first else { return nil }
                if let end = number(afterWordAt: index) { return end }
                return spaced(index + 1) ? properName(at: index + 1) : nil
            case .duong, .pho:
                // đường Nguyễn Trãi số 45; inside an address a street alone.
                guard spaced(index + 1), let name = properName(at: index + 1) else { return nil }
                let next = name + 1
                if next < tokens.count, tokens[next].gap == .space || tokens[next].gap == .comma,
                    address(next) == .so, let end = number(afterWordAt: next)
                {
                    return end
                }
                return first ? nil : name
            case .dan, .o, .tai, .stop:
                return nil
            }
        }

        /// Continues an address through spaces or a comma: the street after a house number, further parts.
        private func extend(_ end: Int) -> Int {
            var end = end
            while end + 1 < tokens.count {
                let next = end + 1
                // The street after a house number; not a country ("số 1 Việt Nam").
                if tokens[end].isNumber, spaced(next), let name = properName(at: next),
                    !phrase(at: next, in: PersonalDataScrubber.countries)
                {
                    end = name
                    continue
                }
                guard tokens[next].gap == .space || tokens[next].gap == .comma,
                    let part = part(at: next, first: false)
                else { break }
                end = part
            }
            return end
        }

        private func addressPhrase(at index: Int) -> ClosedRange<Int>? {
            let token = tokens[index]
            if token.isNumber {
                // 12 đường Lê Lợi
                guard let number = number(at: index), spaced(number + 1),
                    [.duong, .pho].contains(address(number + 1)), let part = part(at: number + 1, first: false)
                else { return nil }
                return index...extend(part)
            }
            guard let word = address(index) else { return nil }
            // anh Kiệt 5B: a name, not an alley.
            if token.capitalised, token.gap == .space, index > 0, isKin[index - 1] { return nil }
            switch word {
            case .nha:
                // nhà số 7; nhà em số 10, nhà bạn ấy số 3: the house number without the pronoun.
                if let part = part(at: index, first: true) { return index...extend(part) }
                var next = index + 1
                while next - index <= 2, spaced(next), tokens[next].isWord, !tokens[next].capitalised,
                    isKin[next] || PersonalDataScrubber.nameFillers.contains(tokens[next])
                {
                    next += 1
                }
                guard next > index + 1, spaced(next), address(next) == .so, let end = number(afterWordAt: next)
                else { return nil }
                return next...extend(end)
            case .o, .tai:
                // ở 12 Lê Lợi, tại số 25 đường Trần Phú, ở Nguyễn Thị Minh Khai số 12
                guard spaced(index + 1) else { return nil }
                if let name = properName(at: index + 1), name + 1 < tokens.count,
                    tokens[name + 1].gap == .space || tokens[name + 1].gap == .comma,
                    address(name + 1) == .so, let end = number(afterWordAt: name + 1)
                {
                    return (index + 1)...extend(end)
                }
                let from = address(index + 1) == .so && spaced(index + 2) ? index + 2 : index + 1
                guard let number = number(at: from) else { return nil }
                let end = extend(number)
                return end > number ? (from == index + 2 ? index + 1 : from)...end : nil
            case .so:
                if let part = part(at: index, first: true) { return index...extend(part) }
                // số 45 đường Nguyễn Trãi, số 3 ngõ 12: a number alone is not an address.
                guard let number = number(afterWordAt: index), spaced(number + 1), address(number + 1) != .so
                else { return nil }
                let end = extend(number)
                return end > number ? index...end : nil
            default:
                guard let part = part(at: index, first: true) else { return nil }
                return index...extend(part)
            }
        }

        // MARK: Names

        mutating func findNames() {
            titleCase = detectTitleCase()
            var index = 0
            while index < tokens.count {
                guard !covered[index], let first = nameStart(after: index) else { index += 1; continue }
                var end = nameEnd(from: first)
                mark(first, end)
                // A list: bạn Lan, Mai và Hùng.
                while let next = listedName(after: end) {
                    end = nameEnd(from: next)
                    mark(next, end)
                }
                index = end + 1
            }
        }

        private mutating func mark(_ from: Int, _ to: Int) {
            spans.append((from, to, "[tên]"))
            for index in from...to { covered[index] = true }
        }

        /// Capitals on most words that do not start a sentence. A word right after a kinship word is
        /// left out (it is what is being judged) unless the kinship word itself was capitalised
        /// mid-sentence: "Em Chào Cô Hương", "Các Bạn Nhỏ Cần Được Bảo Vệ".
        private func detectTitleCase() -> Bool {
            var counted = 0, capitals = 0
            for (index, token) in tokens.enumerated() where token.isWord && token.gap != .sentence && token.gap != .dot {
                if token.gap == .space, index > 0, isKin[index - 1],
                    !tokens[index - 1].capitalised || tokens[index - 1].gap == .sentence || tokens[index - 1].gap == .dot
                {
                    continue
                }
                counted += 1
                if token.capitalised { capitals += 1 }
            }
            return (counted >= 3 && capitals * 5 >= counted * 4) || (counted == 2 && capitals == 2)
        }

        /// The first name syllable after the trigger word at `index`, if any.
        private func nameStart(after index: Int) -> Int? {
            let token = tokens[index]
            guard token.isWord else { return nil }
            if PersonalDataScrubber.tenWord.contains(token) { return afterTen(index) }
            if PersonalDataScrubber.laWord.contains(token), index > 0, token.gap == .space, !covered[index - 1],
                tokens[index - 1].isWord, PersonalDataScrubber.pronouns.contains(tokens[index - 1]),
                accepts(index + 1, strong: false)
            {
                return index + 1
            }
            guard isKin[index] else { return nil }
            if previous(index, in: PersonalDataScrubber.placeWords) { return nil }
            if phrase(at: index, in: PersonalDataScrubber.notPersonPhrases) { return nil }
            // Without diacritics co, chi, ba, bac… are more often có, chỉ, ba, bạc: "co lan em bi danh"
            // is "có lần em bị đánh". After them only a capitalised name counts.
            let lowercase = token.marked || !PersonalDataScrubber.ambiguousPlainKinship.contains(token.folded)
            var candidate = index + 1
            if !accepts(candidate, strong: false, lowercase: lowercase) {
                // cô giáo Hạnh, bạn cùng bàn Tuấn, em gái Lan
                var role = index + 1
                var found: Int?
                while role - index <= 3, spaced(role), !covered[role], tokens[role].isWord,
                    !tokens[role].capitalised, PersonalDataScrubber.roleWords.contains(tokens[role])
                {
                    if accepts(role + 1, strong: false, lowercase: lowercase) { found = role + 1; break }
                    role += 1
                }
                guard let found else { return nil }
                candidate = found
            }
            // các bạn Mỹ, những bạn Hải Dương: a people or a province.
            if previous(index, in: PersonalDataScrubber.plural),
                PersonalDataScrubber.nationalities.contains(folded(candidate))
                    || phrase(at: candidate, in: PersonalDataScrubber.placePhrases)
            {
                return nil
            }
            return candidate
        }

        /// tên Lan, tên là Mai, tên em là Nguyễn Thị Hoa, tên bạn ấy là Tuấn.
        private func afterTen(_ index: Int) -> Int? {
            guard spaced(index + 1), index + 1 < tokens.count else { return nil }
            var next = index + 1
            while next - index <= 4, spaced(next), tokens[next].isWord,
                PersonalDataScrubber.nameFillers.contains(tokens[next]), !tokens[next].capitalised
            {
                next += 1
            }
            if spaced(next), next < tokens.count, tokens[next].isWord, PersonalDataScrubber.laWord.contains(tokens[next]),
                accepts(next + 1, strong: true)
            {
                return next + 1
            }
            return next == index + 1 && accepts(index + 1, strong: true) ? index + 1 : nil
        }

        private func isOrdinary(_ token: Token) -> Bool {
            PersonalDataScrubber.ordinaryWords.contains(token, textHasMarks: hasMarks)
                || PersonalDataScrubber.notPersons.contains(token.folded)
        }

        /// Whether the word at `index` starts a name. `strong`: after "tên (là)", where any listed
        /// name counts in lowercase.
        private func accepts(_ index: Int, strong: Bool, lowercase: Bool = true) -> Bool {
            guard spaced(index), !covered[index] else { return false }
            let token = tokens[index]
            guard token.isWord, token.letters >= 2, !isOrdinary(token),
                !phrase(at: index, in: PersonalDataScrubber.notPersonPhrases)
            else { return false }
            if token.capitalised {
                if titleCase || token.allCaps { return PersonalDataScrubber.names.contains(token) }
                return true
            }
            guard lowercase else { return false }
            return strong ? PersonalDataScrubber.names.contains(token) : PersonalDataScrubber.lowercaseNames.contains(token)
        }

        /// The last syllable of the name that starts at `first` (up to four syllables).
        private func nameEnd(from first: Int) -> Int {
            let capital = tokens[first].capitalised
            var end = first
            while end - first < 3, spaced(end + 1), !covered[end + 1], tokens[end + 1].isWord {
                let token = tokens[end + 1]
                if PersonalDataScrubber.notPersons.contains(token.folded)
                    || phrase(at: end + 1, in: PersonalDataScrubber.notPersonPhrases)
                {
                    break
                }
                let listed = PersonalDataScrubber.names.contains(token)
                if token.capitalised {
                    let plain =
                        !titleCase && !token.allCaps && !isKin[end + 1]
                        && (!PersonalDataScrubber.ordinaryWords.contains(token, textHasMarks: hasMarks)
                            || PersonalDataScrubber.birthOrder.contains(token))
                    guard listed || plain else { break }
                } else {
                    // In lowercase a listed word goes on a name only inside a full name (nguyễn văn an):
                    // "bạn lan bảo em", "bạn hà tâm sự" end the name at the first syllable.
                    let previous = tokens[end]
                    let inFullName = PersonalDataScrubber.fullNameParts.contains(previous)
                    guard !capital, !isKin[end + 1],
                        PersonalDataScrubber.lowercaseNames.contains(token) || (inFullName && listed)
                    else { break }
                }
                end += 1
            }
            return end
        }

        /// A further name in a list after the name ending at `end`: ", Mai", " và Hùng".
        private func listedName(after end: Int) -> Int? {
            let next = end + 1
            guard next < tokens.count, !covered[next] else { return nil }
            var candidate = next
            if tokens[next].gap == .comma {
                candidate = next
            } else if tokens[next].gap == .space, tokens[next].isWord,
                PersonalDataScrubber.connectors.contains(tokens[next])
            {
                candidate = next + 1
            } else {
                return nil
            }
            guard candidate < tokens.count, !isKin[candidate] else { return nil }
            if candidate == next {
                // accepts() wants a space before the word; after a comma check the word itself.
                let token = tokens[candidate]
                guard token.isWord, token.letters >= 2, !isOrdinary(token),
                    !phrase(at: candidate, in: PersonalDataScrubber.notPersonPhrases)
                else { return nil }
                if token.capitalised {
                    return titleCase || token.allCaps ? (PersonalDataScrubber.names.contains(token) ? candidate : nil) : candidate
                }
                return PersonalDataScrubber.lowercaseNames.contains(token) ? candidate : nil
            }
            return accepts(candidate, strong: false) ? candidate : nil
        }
    }
}
