/// What a phrase of the safeguarding lexicon tells about an entry. The lexicon finds these cues;
/// `DisclosureLexicon` decides from where they stand relative to each other whether the entry says
/// that a child is being hurt now.
enum DisclosureCue: UInt8, Sendable, CaseIterable {
    // Who
    /// The writer: em, con, cháu, mình, tôi, tui, tao, tớ.
    case writer
    /// A word after which em / con / cháu is a possessive or part of another noun (bố em,
    /// trẻ em, các em), so it is not the writer as a subject or object.
    case possessor
    /// em / con / cháu starting a noun that is not the writer (em bé, con nít, con chó).
    case notWriter
    /// A specific other child by the words themselves: bạn ấy, bạn thân, em gái em.
    case otherChild
    /// "bạn", "bé": a specific child only when a name follows (bạn Hoa, bé Na).
    case childNoun
    /// Words that are not a name after "bạn" (bạn trong lớp, bạn cùng …).
    case notName
    /// Someone who is neither the writer nor a specific child: an adult, a group, "ai".
    case person
    /// "nó": a specific child when the entry has already named one.
    case childPronoun
    /// The writer wants to go to school (muốn đi học): what keeps them from it is a harm to them.
    case wantsSchool
    /// "vì em …": after a question, the child explains their own situation.
    case becauseOfMe
    /// Words that contain a guard but are not one (sau khi bị: after, not if).
    case notGuard
    /// A word before "bạn" that makes it many or unspecified children (các bạn, nhiều bạn).
    case quantifier
    /// Someone at home the writer lives with, as the one being hit (đánh mẹ).
    case householdVictim
    /// A family member or adult in charge as the one who harms (bố, mẹ kế, dượng, thầy): in
    /// "bố em đánh" with no object, the "em" of "bố em" is the one beaten.
    case familyAgent
    /// The passive "bị", "phải": the subject before it suffers what follows.
    case passive
    /// Words between a verb and its object (đánh vào đầu em).
    case bridge
    /// A verb that starts a new clause with the em before it as subject (… em thấy).
    case clauseStart
    /// A denial just before a harm word (không đánh, chưa bao giờ bị).
    case negation
    /// "Đừng" before a harm word: a rule (đừng đánh bạn) or a plea to stop (mẹ ơi đừng đánh con nữa).
    case stop
    /// Calling someone (mẹ ơi, cô ơi): the child speaks to them.
    case vocative
    /// "nữa": it happened before and may again.
    case again
    /// Adverbs that may stand between an agent and the verb (bố em hay đánh).
    case adverb

    // What
    case violence
    /// Marks on a body (vết roi, bầm tím); the one who has them is the one harmed.
    case injurySign
    /// What one is beaten with (dây nịt, roi mây): only the one before "bị" is harmed by it.
    case weapon
    case sexualAbuse
    /// Serious threats and extortion.
    case threat
    /// Frightening words that are often harmless (dọa, quay clip).
    case scare
    case forcedWork
    case neglect
    /// Going without, said of oneself (nhịn đói, không có gì ăn): the subject is the one harmed.
    case deprivation
    /// A threat received (em nhận được tin nhắn dọa): the subject is the one harmed.
    case receivedThreat
    case bullying
    /// Hurtful words, often online (chửi, nói xấu).
    case insult
    /// Physical danger where the child is (nước lũ, sạt lở, sắp sập, đang cháy, đi lạc): no harm
    /// done by anyone and no victim to place, so never a finding of its own; evidence for the
    /// model, which decides from the rest (em đang, mai vẫn phải, cứu em) whether it is a child
    /// in danger now or an opinion about disasters.
    case danger
    case selfHarm
    /// A cry for help addressed to the reader (cứu em).
    case plea
    /// A request for help that may be about anything (giúp em với).
    case mildPlea
    /// A veiled disclosure strong enough alone (sợ về nhà, vết bầm không phải do ngã).
    case fearOfHome
    /// A veiled hint: a secret, wounds, not daring to tell.
    case veiled
    /// Idioms and harmless senses of harm words (đánh răng, nóng muốn chết); a harm phrase that
    /// overlaps one is ignored.
    case harmless

    // When and how sure
    /// It is happening now or keeps happening (đang, hoài, ngày nào cũng, tối qua).
    case present
    /// The writer is frightened or asks what to do (sợ lắm, phải làm sao, không dám nói).
    case distress
    /// In the past (hồi lớp 4, năm ngoái, đã từng).
    case past
    /// Over and dealt with (thầy đã xử lý, từ đó không còn nữa, bạn đã xin lỗi).
    case resolved
    /// A question, an "if", a rule, a worry about the future (nếu, giả sử, không nên, sợ bị).
    case hypothetical
    /// About children in general (trẻ em, học sinh, các bạn).
    case general
    /// Something read, watched or heard about (đọc báo, thời sự, trong phim).
    case news
    /// A recommendation or wish (em mong, đề nghị); children also wrap disclosures in these.
    case recommendation

    /// The harm a cue names; whether the lexicon may flag it without the model; whether the
    /// subject of the phrase is the one harmed (em phải đi làm) rather than the one harming.
    var harm: (kind: SafeguardingHarm, certain: Bool, sufferedBySubject: Bool)? {
        switch self {
        case .violence: (.violence, true, false)
        case .injurySign: (.violence, true, true)
        case .weapon: (.violence, true, false)
        case .sexualAbuse: (.sexualAbuse, true, false)
        case .threat: (.threat, true, false)
        case .receivedThreat: (.threat, true, true)
        case .scare: (.threat, false, false)
        case .forcedWork: (.forcedWork, true, true)
        case .neglect: (.neglect, true, false)
        case .deprivation: (.neglect, true, true)
        case .bullying: (.bullying, true, false)
        case .insult: (.bullying, false, false)
        default: nil
        }
    }

    /// Cues that say what happened; a guard word inside one of them (the "không nên" of
    /// "không nên sống") is part of it, not a guard.
    var isContent: Bool {
        harm != nil || [.selfHarm, .plea, .mildPlea, .fearOfHome, .veiled, .distress, .notGuard].contains(self)
    }

    var isGuard: Bool {
        [.past, .resolved, .hypothetical, .general, .news, .recommendation].contains(self)
    }
}

extension DisclosureCue {
    /// Whether this cue's bit is set in a set of cues (`DisclosureLexicon.Findings.cues`, `demotedBy`).
    func isIn(_ cues: UInt64) -> Bool { cues & (1 << UInt64(rawValue)) != 0 }
}
