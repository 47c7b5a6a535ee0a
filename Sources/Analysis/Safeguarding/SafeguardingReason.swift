/// Why an entry was flagged, for the staff who read it. Names a rule, never the child's words.
public enum SafeguardingReason: Sendable, Hashable, CustomStringConvertible {
    /// The lexicon found a harm done to someone the entry names.
    case harm(SafeguardingHarm, to: SafeguardingVictim)
    /// Suicidal thoughts or self-harm.
    case selfHarm
    /// A cry for help addressed to the reader (cứu em).
    case plea
    /// Fear of home, a secret, wounds to hide, with the model agreeing.
    case veiledDisclosure
    /// Physical danger where the child is now (rising water, a landslide, a collapsing house, fire,
    /// a live wire), with the model agreeing: the lexicon's `danger` cue places no victim, so it
    /// never flags alone.
    case danger
    /// It happens through the internet (social networks, messages, photos, video calls): not a
    /// rule that flags, but what tells online sexual exploitation from abuse in person.
    case online
    /// The statistical model alone, trained on the project's disclosures and non-disclosures.
    case model

    /// A stable code for logs, queues and tests: "violence:writer", "self_harm", "model".
    public var code: String {
        switch self {
        case let .harm(harm, victim): "\(harm.rawValue):\(victim.rawValue)"
        case .selfHarm: "self_harm"
        case .plea: "plea"
        case .veiledDisclosure: "veiled"
        case .danger: "danger"
        case .online: "online"
        case .model: "model"
        }
    }

    /// The reason a stored code names; nil for a code this build does not know.
    public init?(code: String) {
        switch code {
        case "self_harm": self = .selfHarm
        case "plea": self = .plea
        case "veiled": self = .veiledDisclosure
        case "danger": self = .danger
        case "online": self = .online
        case "model": self = .model
        default:
            let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let harm = SafeguardingHarm(rawValue: parts[0]),
                  let victim = SafeguardingVictim(rawValue: parts[1])
            else { return nil }
            self = .harm(harm, to: victim)
        }
    }

    public var description: String { code }

    /// What staff read in the safeguarding queue.
    public var vietnamese: String {
        switch self {
        case let .harm(harm, victim): "\(harm.vietnamese) — \(victim.vietnamese)"
        case .selfHarm: "ý nghĩ tự tử hoặc tự làm hại bản thân"
        case .plea: "lời kêu cứu"
        case .veiledDisclosure: "dấu hiệu kín đáo (sợ về nhà, bí mật, vết thương)"
        case .danger: "nguy hiểm ngay lúc này (nước lũ, sạt lở, nhà sắp sập, cháy, điện)"
        case .online: "xảy ra qua mạng (mạng xã hội, tin nhắn, ảnh, gọi video)"
        case .model: "mô hình thống kê đánh giá là lời kể bị hại"
        }
    }
}

public enum SafeguardingHarm: String, Sendable, Hashable, CaseIterable {
    case violence
    case sexualAbuse = "sexual_abuse"
    case threat
    case forcedWork = "forced_work"
    case neglect
    case bullying

    public var vietnamese: String {
        switch self {
        case .violence: "bạo lực"
        case .sexualAbuse: "xâm hại tình dục"
        case .threat: "đe dọa, tống tiền"
        case .forcedWork: "bị ép lao động, nghỉ học, tảo hôn"
        case .neglect: "bị bỏ đói, nhốt, bỏ mặc"
        case .bullying: "bị bắt nạt"
        }
    }
}

public enum SafeguardingVictim: String, Sendable, Hashable, CaseIterable {
    /// The child who wrote.
    case writer
    /// A classmate, friend or sibling the child names or points to.
    case otherChild = "other_child"
    /// Someone the child lives with (a mother being beaten): the child lives in that violence.
    case household

    public var vietnamese: String {
        switch self {
        case .writer: "chính người viết"
        case .otherChild: "một bạn hoặc anh chị em cụ thể"
        case .household: "người thân trong nhà"
        }
    }
}
