/// The kind of harm a held entry describes, in the taxonomy of docs/safeguarding-detector.md (the
/// Law on Children 2016, Article 6; Decree 56/2017): what the safeguarding officer reads first on
/// a case, to know whom to call. Worked out from the entry's reasons, so an entry stored before a
/// kind had a reason of its own still gets the closest one its stored reasons allow.
public enum SafeguardingCategory: String, Sendable, Hashable, CaseIterable {
    case physicalAbuse = "physical_abuse"
    case sexualAbuse = "sexual_abuse"
    case emotionalAbuse = "emotional_abuse"
    case onlineSexualExploitation = "online_sexual_exploitation"
    case exploitation = "exploitation_labour_trafficking"
    case neglect
    case immediateDanger = "immediate_danger"
    case selfHarm = "self_harm_suicide"
    case bullying = "bullying_distress"

    public var vietnamese: String {
        switch self {
        case .physicalAbuse: "bạo lực thân thể"
        case .sexualAbuse: "xâm hại tình dục"
        case .emotionalAbuse: "bạo lực tinh thần (chửi mắng, đe dọa, làm nhục)"
        case .onlineSexualExploitation: "xâm hại tình dục qua mạng (dụ dỗ, đòi ảnh, tống tiền bằng ảnh)"
        case .exploitation: "bóc lột lao động, mua bán trẻ em"
        case .neglect: "bỏ mặc (bỏ đói, ở một mình, ốm đau không chữa)"
        case .immediateDanger: "nguy hiểm ngay lúc này (lũ, sạt lở, nhà sắp sập, cháy, điện)"
        case .selfHarm: "tự làm hại bản thân, ý nghĩ tự tử"
        case .bullying: "bị bắt nạt, rất đau khổ"
        }
    }

    /// What the officer reads when the reasons name no kind (a plea, a veiled sign, the model alone).
    public static let unknownVietnamese = "chưa rõ loại — đọc kỹ lời em viết"

    /// The code stored first among an entry's reasons ("kind:neglect"): the category recorded when
    /// the entry was held, so the officer reads what the detector decided then.
    public var code: String { Self.codePrefix + rawValue }
    static let codePrefix = "kind:"
    /// Stored after the kind's code when the kind model named it, not the rules.
    static let guessCode = "kind_guess"
    /// Said after a kind the kind model named.
    public static let guessVietnamese = "đoán theo lời viết, chưa chắc"

    /// The category of a held entry from its reasons (`online` among them when it happens online)
    /// and the lexicon's cues (the harm words it found, even where its rules could not place them
    /// on a child and the model decided). One
    /// entry may tell of several harms; the one named is the one that asks most of the officer: a
    /// life at risk, sexual harm, exploitation, beating, neglect, bullying, threats, danger
    /// around the child. Beating or insults by a parent or teacher are abuse; by other children,
    /// bullying. Photos or a meeting asked for online or under threat are sexual exploitation; a
    /// threat with neither (to kill, to sell, to throw out) is emotional abuse, online or not, or
    /// bullying when other children make it.
    static func decide(
        reasons: [SafeguardingReason], cues: UInt64, words: CategoryWords.Found = .init()
    ) -> SafeguardingCategory? {
        var harms = Set<SafeguardingHarm>()
        var selfHarm = false, danger = false, online = false, otherChildHarmed = false
        for reason in reasons {
            switch reason {
            case let .harm(harm, victim):
                harms.insert(harm)
                if victim == .otherChild { otherChildHarmed = true }
            case .selfHarm: selfHarm = true
            case .danger: danger = true
            case .online: online = true
            case .plea, .veiledDisclosure, .model: break
            }
        }
        func cue(_ wanted: DisclosureCue...) -> Bool { wanted.contains { $0.isIn(cues) } }
        let family = cue(.familyAgent, .householdVictim)
        // Other children as the ones who hurt (mấy bạn, anh lớp trên, tụi nó), not as the one hurt.
        let peers = words.contains(.peers) && !otherChildHarmed
        let bullying = harms.contains(.bullying) || cue(.bullying, .insult)
        let threat = harms.contains(.threat) || cue(.threat, .receivedThreat, .scare)
        // "dọa giết", "dọa đánh": a harm word under a threat is threatened, unless placed on a child or seen.
        let violence = harms.contains(.violence) || cue(.injurySign, .weapon) || (cue(.violence) && !threat)
        if selfHarm || cue(.selfHarm) { return .selfHarm }
        if harms.contains(.sexualAbuse) || cue(.sexualAbuse) { return online ? .onlineSexualExploitation : .sexualAbuse }
        // Photos, videos, a camera or a meeting asked for, online or as a threat: sextortion and grooming.
        // Photos and videos alone are also how children are bullied (a clip posted to mock them).
        if online || threat, words.contains(.intimate) || (words.contains(.images) && !bullying) {
            return .onlineSexualExploitation
        }
        if harms.contains(.forcedWork) || cue(.forcedWork) { return .exploitation }
        if violence { return (bullying || peers) && !family ? .bullying : .physicalAbuse }
        if harms.contains(.neglect) || cue(.neglect, .deprivation) { return .neglect }
        if bullying { return family ? .emotionalAbuse : .bullying }
        if threat { return peers && !family ? .bullying : .emotionalAbuse }
        if danger || cue(.danger) { return .immediateDanger }
        // No harm word the lexicon knows: the model held it. Name the kind from plainer words,
        // when only one kind's words are there.
        return words.only
    }
}

/// Plain words of each kind of harm, for naming the category of an entry the model held without
/// any harm word of the lexicon ("em đói lắm, mẹ đi mấy ngày chưa về"), and the words for other
/// children as the ones who hurt. Written from the taxonomy; display only, never a reason to hold
/// an entry.
enum CategoryWords {
    enum Kind: Hashable, Sendable {
        case peers, images, intimate, neglect, selfHarm, danger, bullying, emotional, exploitation
    }

    private static let lists: [(kind: Kind, phrases: [String])] = [
        (.peers, ["mấy bạn", "các bạn", "nhóm bạn", "bạn cùng lớp", "bạn trong lớp", "anh lớp", "chị lớp", "lớp trên",
                  "đàn anh", "đàn chị", "mấy đứa", "tụi nó", "bọn nó", "mấy thằng", "mấy con", "đám bạn", "hội đồng",
                  "cả lớp", "mấy anh", "mấy chị"]),
        (.images, ["ảnh", "hình", "clip", "video"]),
        (.intimate, ["camera", "cởi đồ", "thay đồ", "không mặc", "khỏa thân", "khoả thân", "nhạy cảm", "ảnh nóng",
                     "hình nóng", "riêng tư", "hẹn gặp", "đón em", "giữ bí mật", "quay lén", "chụp lén"]),
        (.neglect, ["bị đói", "đói bụng", "đói lắm", "đói quá", "nhịn đói", "bỏ đói", "nhịn ăn", "chưa được ăn",
                    "không có gì ăn", "không có cơm", "một mình", "bỏ đi", "bỏ lại", "không ai chăm", "không ai cho ăn",
                    "ốm", "sốt", "bệnh", "không được đi khám", "không ai đưa", "vết thương", "nhiễm trùng", "không về nhà"]),
        (.selfHarm, ["chết", "tự tử", "kết thúc", "biến mất", "không muốn sống", "thuốc ngủ", "cắt tay", "rạch tay",
                     "nhảy cầu", "nhảy xuống", "treo cổ", "tạm biệt", "vĩnh biệt", "sống làm gì", "giải thoát"]),
        (.danger, ["lũ", "nước dâng", "nước ngập", "ngập nhà", "sạt lở", "lở đất", "sập", "nứt", "cháy", "khói",
                   "điện giật", "dây điện đứt", "mắc kẹt", "bị kẹt", "lạc đường", "bị lạc", "trôi", "rò rỉ gas"]),
        (.bullying, ["bắt nạt", "tẩy chay", "cô lập", "bịa đặt", "chê cười", "trêu", "chọc", "làm nhục", "quay clip"]),
        (.emotional, ["chửi", "mắng", "đồ vô dụng", "đuổi ra khỏi nhà", "đuổi đi", "nhục mạ", "đồ ăn hại",
                      "con hoang", "ghét bỏ", "khinh"]),
        (.exploitation, ["đi làm", "làm thuê", "bán hàng", "bán vé số", "xin tiền", "ăn xin", "mỏ vàng", "phụ hồ",
                         "công trường", "lò gạch", "trả nợ", "đưa sang", "biên giới", "việc nhẹ lương cao"]),
    ]

    /// Matched as the lexicon's phrases are (`PhraseMatcher`): where the child wrote marks they must
    /// agree ("đói" is not "đòi", "cháy" not "chạy"); without marks, folded.
    static let matcher = PhraseMatcher(lists.map { (cue: $0.kind, phrases: $0.phrases) })

    struct Found: Sendable {
        var kinds: Set<Kind> = []
        func contains(_ kind: Kind) -> Bool { kinds.contains(kind) }
        /// The category when exactly one kind of harm's words were found.
        var only: SafeguardingCategory? {
            let harms = kinds.subtracting([.peers, .images, .intimate])
            guard harms.count == 1, let kind = harms.first else { return nil }
            switch kind {
            case .neglect: return .neglect
            case .selfHarm: return .selfHarm
            case .danger: return .immediateDanger
            case .bullying: return .bullying
            case .emotional: return .emotionalAbuse
            case .exploitation: return .exploitation
            case .peers, .images, .intimate: return nil
            }
        }
    }

    static func found(in text: VietnameseText) -> Found {
        Found(kinds: Set(matcher.matches(in: text).map(\.cue)))
    }
}

/// Whether an entry says its harm comes through the internet: the words children use for networks,
/// messages, photos sent and video calls. Read only for entries already held, to name their
/// category; never a reason to hold one.
enum OnlineMentions {
    static let matcher = PhraseMatcher([(cue: (), phrases: [
        "facebook", "fb", "zalo", "tiktok", "messenger", "mess", "instagram", "insta", "youtube", "discord",
        "telegram", "viber", "online", "inbox", "ib", "chat", "livestream", "webcam", "nude", "game",
        "trên mạng", "qua mạng", "lên mạng", "mạng xã hội", "nhắn tin", "tin nhắn", "gọi video", "video call",
        "call video", "gửi ảnh", "gửi hình", "ảnh nóng", "hình nóng", "khỏa thân", "khoả thân", "tung ảnh", "tung hình",
        "tung clip", "đăng ảnh", "đăng hình", "đăng clip", "ảnh ghép", "hình ghép", "quen trên", "quen qua",
    ])])

    static func found(in text: VietnameseText) -> Bool { !matcher.matches(in: text).isEmpty }
}

/// A held entry's stored codes ("kind:neglect, plea, model") as the safeguarding officer reads
/// them: the kind of harm, and the cues that held it, in Vietnamese.
public struct HeldEntryReasons: Sendable, Hashable {
    public let category: SafeguardingCategory?
    /// The kind model named the category (`kind_guess` stored), not the rules.
    public let categoryGuessed: Bool
    /// The cues, strongest first; codes this build does not know are left out.
    public let cues: [SafeguardingReason]

    /// The codes as `safeguarding_reasons` keeps them, comma-separated. An entry held before
    /// categories were recorded gets the closest kind its stored reasons allow.
    public init(codes: String) {
        let parts = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        cues = parts.compactMap(SafeguardingReason.init(code:))
        if let recorded = parts.first(where: { $0.hasPrefix(SafeguardingCategory.codePrefix) }) {
            category = SafeguardingCategory(rawValue: String(recorded.dropFirst(SafeguardingCategory.codePrefix.count)))
        } else {
            category = SafeguardingCategory.decide(reasons: cues, cues: 0)
        }
        categoryGuessed = category != nil && parts.contains(SafeguardingCategory.guessCode)
    }

    public var categoryVietnamese: String {
        guard let category else { return SafeguardingCategory.unknownVietnamese }
        return categoryGuessed ? "\(category.vietnamese) — \(SafeguardingCategory.guessVietnamese)" : category.vietnamese
    }
    public var cuesVietnamese: String { cues.map(\.vietnamese).joined(separator: "; ") }
}
