/// The shorthand children type (ko, dc, mk, j, ...) written out, so "ko dc" matches "không được".
/// Only forms that mean one thing in a children's forum are listed; ambiguous ones (gd: gia đình
/// or giáo dục, bv: bảo vệ or bệnh viện, hk: học kỳ or không, mh: mình or màn hình) stay as written.
enum ChildSpelling {
    static let expansions: [String: String] = [
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

    /// Words that are English or brand names and start with w; every other w- is teen spelling
    /// of qu- (wá → quá, wên → quên).
    static let wordsWithW: Set<String> = ["web", "website", "wifi", "wechat", "www", "wow", "windows", "word"]

    /// "tr" is trường or trong. The neighbours decide when they can; otherwise it stays "tr".
    static let wordsAfterTrong: Set<String> = [
        "lop", "nhom", "khi", "luc", "gio", "do", "nay", "thoi", "khu", "xom", "lang", "mua", "dip",
        "ngay", "tuan", "thang", "cac", "nhung", "moi", "mot", "nuoc",
    ]
    static let wordsBeforeTruong: Set<String> = [
        "cong", "san", "ve", "den", "toi", "hieu", "nha", "cua", "tai", "truoc", "ngoai", "canh", "gan", "o",
    ]

    /// The written-out form of a token, or nil when it is not shorthand.
    /// `previous` and `next` are the folded neighbours, used only for "tr".
    static func expansion(of token: String, previous: String?, next: String?) -> String? {
        if let expanded = expansions[token] { return expanded }
        if token == "tr" {
            if let next, wordsAfterTrong.contains(next) { return "trong" }
            if next == "hoc" { return "trường" }
            if let previous, wordsBeforeTruong.contains(previous) { return "trường" }
            return nil
        }
        if token.utf8.count > 1, token.utf8.first == UInt8(ascii: "w"), !wordsWithW.contains(token) {
            return "qu" + token.dropFirst()
        }
        return nil
    }
}
