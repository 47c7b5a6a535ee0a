/// The shorthand children type (ko, dc, mk, j, ...) written out, so "ko dc" matches "không được".
/// Only forms that mean one thing in a children's forum are listed; ambiguous ones (gd: gia đình
/// or giáo dục, bv: bảo vệ or bệnh viện, hk: học kỳ or không, mh: mình or màn hình) stay as written.
enum ChildSpelling {
    static let shorthand: [String: String] = [
        // không
        "k": "không", "ko": "không", "kh": "không", "khg": "không", "kg": "không", "kô": "không",
        "hok": "không", "hông": "không", "hem": "không", "khum": "không", "khôg": "không",
        // được
        "dc": "được", "đc": "được", "dk": "được", "đk": "được",
        // people
        "mk": "mình", "mik": "mình", "mn": "mọi người", "mng": "mọi người", "ng": "người", "ngta": "người ta",
        "bn": "bạn", "pn": "bạn", "e": "em", "cj": "chị", "hs": "học sinh", "gv": "giáo viên",
        "bme": "bố mẹ", "gđ": "gia đình", "ny": "người yêu",
        // little words
        "j": "gì", "ji": "gì", "vs": "với", "ns": "nói", "bt": "biết", "bik": "biết", "bít": "biết",
        "r": "rồi", "cx": "cũng", "cg": "cũng", "ms": "mới", "lm": "làm", "trc": "trước", "trg": "trường",
        "đg": "đang", "dg": "đang", "đag": "đang", "bh": "bây giờ", "bjo": "bây giờ", "hnay": "hôm nay",
        "ntn": "như thế nào", "tgian": "thời gian", "nhìu": "nhiều", "nhiu": "nhiều", "iu": "yêu",
        "zậy": "vậy", "dzậy": "vậy", "zay": "vậy", "z": "vậy", "zị": "vậy", "dzị": "vậy",
        "thik": "thích", "thix": "thích", "thíc": "thích",
        // things
        "đt": "điện thoại", "dt": "điện thoại", "sdt": "số điện thoại", "sđt": "số điện thoại",
        "fb": "facebook", "kb": "kết bạn", "ib": "nhắn tin", "onl": "online", "kt": "kiểm tra",
        "clb": "câu lạc bộ", "csgt": "cảnh sát giao thông", "atgt": "an toàn giao thông",
        "vn": "việt nam", "tp": "thành phố",
    ]

    /// English words and brand names starting with w; every other w- is teen spelling of qu-
    /// (wá → quá, wên → quên).
    static let wordsWithW: Set<String> = ["web", "website", "wifi", "wechat", "www", "wow", "windows", "word"]

    /// "tr" is trường or trong. The neighbours decide when they can; otherwise it stays "tr".
    static let wordsAfterTrong: Set<String> = [
        "lop", "nhom", "khi", "luc", "gio", "do", "nay", "thoi", "khu", "xom", "lang", "mua", "dip",
        "ngay", "tuan", "thang", "cac", "nhung", "moi", "mot", "nuoc",
    ]
    static let wordsBeforeTruong: Set<String> = [
        "cong", "san", "ve", "den", "toi", "hieu", "nha", "cua", "tai", "truoc", "ngoai", "canh", "gan", "o",
    ]

    /// Lookup tables by token key, built once.
    struct Tables: Sendable {
        /// Written token key → index into `writtenOut`.
        let expansionIndex: KeyTable
        let writtenOut: [[Syllable]]
        let wordsWithW: Set<UInt64>
        let wordsAfterTrong: Set<UInt64>
        let wordsBeforeTruong: Set<UInt64>
        let tr = TokenKey.of("tr".utf8)
        let hoc = TokenKey.of("hoc".utf8)
        let trong = Syllable("trong")
        let truong = Syllable("trường")
    }

    static let tables: Tables = {
        var index = KeyTable(minimumCapacity: shorthand.count)
        var writtenOut: [[Syllable]] = []
        for (written, full) in shorthand {
            _ = index.value(for: TokenKey.of(written.utf8)) { Int32(writtenOut.count) }
            writtenOut.append(full.split(separator: " ").map { Syllable(String($0)) })
        }
        return Tables(
            expansionIndex: index, writtenOut: writtenOut,
            wordsWithW: Set(wordsWithW.map { TokenKey.of($0.utf8) }),
            wordsAfterTrong: Set(wordsAfterTrong.map { TokenKey.of($0.utf8) }),
            wordsBeforeTruong: Set(wordsBeforeTruong.map { TokenKey.of($0.utf8) }))
    }()

    /// The written-out syllables of a token, or nil when it is not shorthand. The neighbours'
    /// folded keys are used only for "tr".
    static func expansion(
        of accented: ArraySlice<UInt8>, key: UInt64, folded: ArraySlice<UInt8>,
        previous: UInt64?, next: UInt64?, tables: Tables
    ) -> [Syllable]? {
        if let index = tables.expansionIndex[key] { return tables.writtenOut[Int(index)] }
        if key == tables.tr {
            if let next, tables.wordsAfterTrong.contains(next) { return [tables.trong] }
            if next == tables.hoc { return [tables.truong] }
            if let previous, tables.wordsBeforeTruong.contains(previous) { return [tables.truong] }
            return nil
        }
        if accented.count > 1, accented.first == UInt8(ascii: "w"), !tables.wordsWithW.contains(key) {
            return [Syllable(accented: Array("qu".utf8) + accented.dropFirst(), folded: Array("qu".utf8) + folded.dropFirst())]
        }
        return nil
    }
}

/// A word that replaces shorthand, as UTF-8 bytes accented and folded, with their keys.
struct Syllable: Sendable {
    let accented: [UInt8]
    let folded: [UInt8]
    let accentedKey: UInt64
    let foldedKey: UInt64

    init(accented: [UInt8], folded: [UInt8]) {
        self.accented = accented
        self.folded = folded
        accentedKey = TokenKey.of(accented)
        foldedKey = TokenKey.of(folded)
    }

    init(_ word: String) {
        self.init(accented: Array(word.utf8), folded: Array(VietnameseText.fold(word).utf8))
    }
}
