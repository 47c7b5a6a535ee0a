/// Reads an entry for the shape of a disclosure: a harm word, a victim the writer names (the
/// writer, a specific child, someone at home) in the grammatical place of the one harmed, and no
/// sign that it is over, imagined, general or read in the news.
///
/// Vietnamese puts the one harmed before "bị" (em bị bố đánh) or after the verb (bố đánh em);
/// "em" after a noun is a possessive (bố em, trẻ em), and "bạn" is a particular child only with a
/// name or a word that points (bạn Hoa, bạn ấy, bạn thân em), not in "các bạn" or "đánh bạn là
/// sai". Those few facts separate most disclosures from opinions about violence in the same words.
struct DisclosureLexicon: Sendable {
    struct Findings: Sendable, Equatable {
        /// Rules that flag the entry on their own.
        var certain: [SafeguardingReason] = []
        /// Rules that flag it when the model also leans towards a disclosure.
        var possible: [SafeguardingReason] = []
        /// Every cue found (bit `DisclosureCue.rawValue`): the model weighs them as features.
        var cues: UInt64 = 0
        /// The guards that made a harm uncertain (bit `DisclosureCue.rawValue`): the model learns
        /// how often a past or imagined harm is still a disclosure.
        var demotedBy: UInt64 = 0
        /// The child says it is over and dealt with, and nothing says it goes on: only the
        /// model, if sure, may still flag it.
        var resolved = false
    }

    /// How far, in syllables, the parts of a disclosure may lie from each other. Children put an
    /// agent and adverbs between the victim and the verb: "em ngày nào cũng bị bố dượng say rượu
    /// về đánh"; a named person between them stops the reach.
    private enum Reach {
        static let subjectToPassive = 6
        static let passiveToHarm = 10
        static let namedChildToPassive = 8
        static let subjectToSuffering = 5
        static let householdToPassive = 3
    }

    private let matcher = PhraseMatcher(DisclosurePhrases.all)

    /// - Parameter names: folded keys of words capitalised inside a sentence (see `CapitalisedWords`).
    func findings(in text: VietnameseText, names: Set<UInt64> = []) -> Findings {
        let matches = matcher.matches(in: text)
        guard !matches.isEmpty else { return Findings() }
        let layout = CueLayout(matches, text: text, names: names)
        var findings = Findings()
        findings.cues = layout.cues

        var certainHarms: [SafeguardingReason] = [], possibleHarms: [SafeguardingReason] = []
        // Insults and scares are everyday words; said of a particular child and going on
        // (bạn Lan bị cả lớp chửi hoài), they are bullying to act on.
        let persistent = layout.has(.present) || layout.has(.distress)
        /// Harms told after "vì em" (the child explaining after a question): a question does not
        /// make these uncertain.
        var explainedHarms: [SafeguardingReason] = []
        var unattributed: SafeguardingHarm?
        for match in matches {
            guard let (kind, certain, sufferedBySubject) = match.cue.harm, !layout.isHarmless(match), !layout.isDenied(match) else { continue }
            let victims = victims(of: match, kind: kind, sufferedBySubject: sufferedBySubject, in: layout)
            if victims.isEmpty, certain, unattributed == nil { unattributed = kind }
            let explained = layout.has(.becauseOfMe)
            for victim in victims {
                let reason = SafeguardingReason.harm(kind, to: victim)
                let certain = certain || persistent
                if certain, explained, !explainedHarms.contains(reason) { explainedHarms.append(reason) }
                if certain, !certainHarms.contains(reason) { certainHarms.append(reason) }
                if !certain, !possibleHarms.contains(reason) { possibleHarms.append(reason) }
            }
        }

        // A guard (it is over, a question, the news) makes a harm uncertain. Being over is
        // overruled by a sign that it goes on (lại bị, hoài); a wish by fear as well ("em mong …,
        // em sợ lắm"); a question or the news by nothing: the model decides.
        let aboutOthers = layout.has(.hypothetical) || layout.has(.news) || layout.has(.general)
        // "nữa" says it goes on (đừng đánh con nữa), unless the entry says it has stopped.
        let goesOn = layout.has(.present) || (layout.has(.again) && !layout.has(.past))
        findings.resolved = layout.has(.resolved) && !layout.has(.present)
        let overruledButByQuestion =
            ((layout.has(.past) || layout.has(.resolved)) && !goesOn)
            || (layout.has(.recommendation) && !goesOn && !layout.has(.distress))
            || layout.has(.news)
        for reason in certainHarms {
            let overruled = overruledButByQuestion || (layout.has(.hypothetical) && !explainedHarms.contains(reason))
            if overruled { findings.possible.append(reason) } else { findings.certain.append(reason) }
        }
        if !certainHarms.isEmpty, findings.certain.isEmpty {
            for guardCue in [DisclosureCue.past, .resolved, .recommendation, .news, .hypothetical] where layout.has(guardCue) {
                findings.demotedBy |= 1 << guardCue.rawValue
            }
        }
        findings.possible += possibleHarms.filter { !findings.certain.contains($0) && !findings.possible.contains($0) }
        // A harm with nobody in the victim's place, told by a writer who is frightened or wants
        // to go to school ("anh ấy đòi tiền, không đưa thì đăng lên, em phải làm sao"; "con muốn
        // đi học mà ba bắt đi bán vé số"): the victim is left unsaid, and is the writer.
        if let kind = unattributed, certainHarms.isEmpty, layout.mentionsWriter, !aboutOthers {
            if kind == .forcedWork, layout.has(.wantsSchool) {
                findings.certain.append(.harm(kind, to: .writer))
            } else if layout.has(.distress) || layout.has(.wantsSchool) {
                findings.possible.append(.harm(kind, to: .writer))
            }
        }

        // Self-harm and cries for help need no victim: only a question, the news or talk about
        // children in general makes them uncertain.
        if matches.contains(where: { $0.cue == .selfHarm && !layout.isHarmless($0) }) {
            if aboutOthers { findings.possible.append(.selfHarm) } else { findings.certain.append(.selfHarm) }
        }
        if matches.contains(where: { $0.cue == .plea && !layout.isHarmless($0) }) {
            if aboutOthers { findings.possible.append(.plea) } else { findings.certain.append(.plea) }
        } else if layout.has(.mildPlea) {
            findings.possible.append(.plea)
        }
        if layout.has(.fearOfHome) && !layout.has(.news) && !layout.has(.general) {
            findings.certain.append(.veiledDisclosure)
        } else if layout.has(.fearOfHome) || layout.has(.veiled) {
            findings.possible.append(.veiledDisclosure)
        }
        return findings
    }

    /// Who, of the people the entry names, stands where the one harmed stands.
    private func victims(
        of match: CueLayout.Match, kind: SafeguardingHarm, sufferedBySubject: Bool,
        in layout: CueLayout
    ) -> [SafeguardingVictim] {
        var victims: [SafeguardingVictim] = []
        let passives = layout.positions(of: .passive, from: match.start - Reach.passiveToHarm, through: match.start)
        // A weapon (bằng roi) harms only the subject of "bị": "bố đánh mẹ bằng roi" is about mẹ.
        let onlyPassive = match.cue == .weapon
        let object = layout.objectPosition(after: match.end)

        // em (ngày nào cũng) bị (bố) đánh · bố đánh (vào đầu) em · bắt em nghỉ · em (không được) đi học
        let writerAsSubject = passives.contains { passive in
            (passive - Reach.subjectToPassive..<passive).contains { layout.isWriter($0) && !layout.hasPersonBetween($0, passive) }
        }
        let writerAsObject = !onlyPassive && ((layout.isWriter(object) && !layout.startsClause(object + 1)) || layout.namesWriter(match))
        let writerSuffers =
            sufferedBySubject
            && (match.start - Reach.subjectToSuffering..<match.start).contains {
                layout.isWriter($0) && !layout.hasPersonBetween($0, match.start)
            }
        // bố em (hay) đánh, with nobody after the verb: the owner of "bố" is the one harmed.
        let owner = onlyPassive || kind == .threat || layout.hasObject(at: object) ? nil : layout.ownerOfAgent(before: match.start)
        if writerAsSubject || writerAsObject || writerSuffers || owner == .writer { victims.append(.writer) }

        // bạn Nam lớp em ngày nào cũng bị … · đánh bạn ấy · em gái em (mới 9 tuổi) bán hàng rong
        let childAsSubject = passives.contains { passive in
            (passive - Reach.namedChildToPassive..<passive).contains { layout.isOtherChild($0) && !layout.hasPersonBetween($0, passive) }
        }
        let childAsObject = !onlyPassive && layout.isOtherChild(object)
        let childSuffers =
            sufferedBySubject
            && (match.start - Reach.namedChildToPassive..<match.start).contains {
                layout.isOtherChild($0) && !layout.hasPersonBetween($0, match.start)
            }
        if childAsSubject || childAsObject || childSuffers || owner == .otherChild { victims.append(.otherChild) }

        // bố đánh mẹ · mẹ em bị bố đánh
        if kind == .violence {
            let householdHarmed =
                (!onlyPassive && layout.has(.householdVictim, from: object, through: object))
                || passives.contains { layout.has(.householdVictim, from: $0 - Reach.householdToPassive, through: $0 - 1) }
            if householdHarmed { victims.append(.household) }
        }
        return victims
    }
}
