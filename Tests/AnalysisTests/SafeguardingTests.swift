import Summary
import Testing

@testable import Analysis

/// Entries written for these tests, not taken from any data file: what a child being hurt might
/// write, and what children write about the same topics without being hurt.
@Suite("Safeguarding detector")
struct SafeguardingTests {
    /// Trained once and shared: every test only reads it.
    static let detector: Result<SafeguardingDetector, any Error> = Result { try SafeguardingDetector() }

    /// Disclosures, with the reason staff should see among the detector's reasons.
    static let disclosures: [(text: String, reason: String)] = [
        // The writer, beaten at home.
        ("Tối nào bố em uống rượu về cũng đánh em bằng thắt lưng, lưng em vẫn còn đau.", "violence:writer"),
        ("toi nao bo em uong ruou ve cung danh em bang that lung, lung em van con dau", "violence:writer"),
        // A named classmate.
        ("Bạn Tuấn ngồi bàn trên em bị mẹ kế đánh suốt, tay bạn ấy lúc nào cũng có vết bầm.", "violence:other_child"),
        ("ban Tuan ngoi ban tren em bi me ke danh suot, tay ban ay luc nao cung co vet bam", "violence:other_child"),
        ("ban Hoa lop em phai nghi hoc di ban ve so tu thang truoc, ban ay khoc hoai", "forced_work:other_child"),
        ("Bạn Lan lớp em bị mấy bạn trong nhóm chat chửi và nói xấu hằng ngày, bạn ấy không dám đi học.", "bullying:other_child"),
        // A sibling.
        ("Em gái em bị dượng đánh mỗi khi mẹ đi làm vắng.", "violence:other_child"),
        // Self-harm and suicidal thoughts.
        ("Em không muốn sống nữa, em mệt mỏi lắm rồi.", "self_harm"),
        ("e ko muon song nua, dem nao e cung khoc", "self_harm"),
        ("Em hay lấy dao rọc giấy cắt tay mỗi khi buồn.", "self_harm"),
        // Sexual abuse.
        ("Chú hàng xóm hay gọi em sang nhà rồi sờ vào người em, em rất sợ.", "sexual_abuse:writer"),
        ("chu hang xom hay goi e sang nha roi so vao nguoi e, e so lam", "sexual_abuse:writer"),
        // Kept from school to work, extortion, threats, confinement.
        ("Bố mẹ bắt em nghỉ học để đi phụ bán quán nhậu đến khuya, em muốn đi học.", "forced_work:writer"),
        ("Mấy anh lớp 8 ngày nào cũng chặn em ở cổng sau đòi tiền, không đưa là bị đánh.", "threat:writer"),
        ("Có người trên mạng dọa tung ảnh của em nếu em không chuyển tiền.", "threat:writer"),
        ("Cứu em với, em đang bị nhốt trong nhà kho.", "plea"),
    ]

    /// Opinions and recommendations about violence, past events that were dealt with, news,
    /// idioms, and ordinary entries.
    static let notDisclosures: [String] = [
        "Em nghĩ bố mẹ không nên đánh con khi con mắc lỗi.",
        "Nhóm em đề nghị nhà trường lắp thêm camera ở nhà xe để chống bắt nạt.",
        "em mong cac ban khong danh nhau trong gio ra choi",
        "Em mong các bạn bán vé số ở chợ được đi học.",
        "Hồi lớp 5 em từng bị một bạn trêu, nhưng cô đã giải quyết và bây giờ chúng em chơi thân.",
        "Năm ngoái em bị anh lớp trên đòi tiền, em đã báo thầy và từ đó không còn nữa.",
        "Trên ti vi có vụ một bạn bị bạo hành, em thấy rất thương bạn ấy.",
        "Khi thấy bạn bị đánh ở ngoài cổng trường thì em nên gọi ai ạ?",
        "Trưa nay nắng nóng muốn chết, em mong có thêm cây xanh.",
        "Em mong trường có lớp dạy bơi vào mùa hè.",
        "Em bị ngã xe đạp ở đoạn đường đất, em mong đường được sửa.",
    ]

    @Test(arguments: disclosures.indices)
    func disclosureIsFlaggedWithItsReason(index: Int) throws {
        let entry = Self.disclosures[index]
        let assessment = try Self.detector.get().assess(entry.text)
        #expect(assessment.flagged)
        #expect(assessment.reasons.map(\.code).contains(entry.reason), "reasons: \(assessment.reasons.map(\.code))")
        #expect((0...1).contains(assessment.score))
    }

    @Test(arguments: disclosures.indices)
    func disclosureWithoutDiacriticsIsFlagged(index: Int) throws {
        let plain = VietnameseText.fold(Self.disclosures[index].text)
        #expect(!VietnameseText.hasDiacritics(plain))
        #expect(try Self.detector.get().assess(plain).flagged)
    }

    @Test(arguments: notDisclosures.indices)
    func nonDisclosureIsNotFlagged(index: Int) throws {
        let assessment = try Self.detector.get().assess(Self.notDisclosures[index])
        #expect(!assessment.flagged, "reasons: \(assessment.reasons.map(\.code))")
        #expect(assessment.reasons.isEmpty)
    }

    @Test func certainLexiconFindingsFlagWhateverTheModelSays() {
        let findings = DisclosureLexicon.Findings(certain: [.selfHarm])
        let assessment = SafeguardingDetector.decide(findings, probability: 0, thresholds: .tuned)
        #expect(assessment.flagged)
        #expect(assessment.reasons == [.selfHarm])
    }

    @Test func uncertainFindingsNeedTheModelsConfirmation() {
        let findings = DisclosureLexicon.Findings(possible: [.harm(.violence, to: .writer)])
        let thresholds = SafeguardingDetector.Thresholds(model: 0.5, confirmation: 0.1)
        #expect(!SafeguardingDetector.decide(findings, probability: 0.05, thresholds: thresholds).flagged)
        let confirmed = SafeguardingDetector.decide(findings, probability: 0.2, thresholds: thresholds)
        #expect(confirmed.flagged)
        #expect(confirmed.reasons == [.harm(.violence, to: .writer)])
        let sure = SafeguardingDetector.decide(.init(), probability: 0.6, thresholds: thresholds)
        #expect(sure.reasons == [.model])
    }

    @Test func anEndThatWasDealtWithNeedsTheModelToBeSure() {
        var findings = DisclosureLexicon.Findings(possible: [.harm(.threat, to: .writer)])
        findings.resolved = true
        let thresholds = SafeguardingDetector.Thresholds(model: 0.05, confirmation: 0.01)
        #expect(!SafeguardingDetector.decide(findings, probability: 0.3, thresholds: thresholds).flagged)
        #expect(SafeguardingDetector.decide(findings, probability: 0.9, thresholds: thresholds).flagged)
    }

    @Test func theAssessmentDoesNotCarryTheText() throws {
        let text = "Chú hàng xóm hay gọi em sang nhà rồi sờ vào người em, em rất sợ."
        let assessment = try Self.detector.get().assess(text)
        let described = String(describing: assessment) + assessment.reasons.map(\.vietnamese).joined()
        for word in ["hàng xóm", "sờ", "nhà"] { #expect(!described.contains(word)) }
    }

    @Test func reasonsHaveStableCodesAndVietnameseLabels() {
        #expect(SafeguardingReason.harm(.sexualAbuse, to: .otherChild).code == "sexual_abuse:other_child")
        #expect(SafeguardingReason.selfHarm.code == "self_harm")
        #expect(SafeguardingReason.model.code == "model")
        #expect(SafeguardingReason.harm(.violence, to: .writer).vietnamese == "bạo lực — chính người viết")
    }

    /// Disclosures written for this test, one or two of each kind, with the kind the officer
    /// should read first on the case.
    static let categories: [(text: String, category: SafeguardingCategory)] = [
        ("Tối nào bố em uống rượu về cũng đánh em bằng thắt lưng, lưng em vẫn còn đau.", .physicalAbuse),
        ("Chú hàng xóm hay gọi em sang nhà rồi sờ vào người em, em rất sợ.", .sexualAbuse),
        ("Có người trên Zalo bắt em gửi ảnh không mặc áo, không gửi thì họ đăng ảnh cũ của em lên, em sợ lắm.", .onlineSexualExploitation),
        ("Bố mẹ bắt em nghỉ học để đi phụ bán quán nhậu đến khuya, em muốn đi học.", .exploitation),
        ("Em không muốn sống nữa, em mệt mỏi lắm rồi.", .selfHarm),
        ("Mấy bạn trong lớp ngày nào cũng chặn em lại đánh và chửi, em không dám đến trường nữa.", .bullying),
        ("Nước lũ đang dâng vào nhà em, bố mẹ đi vắng, em với em gái đang ở trên gác, cứu em với.", .immediateDanger),
        // A threat online with no photo asked for is not sexual exploitation.
        ("Có người nhắn tin trên Facebook dọa giết cả nhà em nếu em kể với ai, em sợ lắm.", .emotionalAbuse),
    ]

    @Test(arguments: categories.indices)
    func aHeldEntryNamesItsKindOfHarm(index: Int) throws {
        let entry = Self.categories[index]
        let assessment = try Self.detector.get().assess(entry.text)
        #expect(assessment.flagged)
        #expect(assessment.category == entry.category, "reasons: \(assessment.codes)")
        // Stored with the entry, the category comes first and reads back the same.
        #expect(assessment.codes.first == entry.category.code && !assessment.codes.contains("kind_guess"))
        #expect(HeldEntryReasons(codes: assessment.codes.joined(separator: ", ")).category == entry.category)
    }

    @Test func anEntryNotHeldHasNoCategory() throws {
        let assessment = try Self.detector.get().assess("Em mong trường có lớp dạy bơi vào mùa hè.")
        #expect(!assessment.flagged && assessment.category == nil && assessment.codes.isEmpty)
    }

    /// Where the rules find no harm word and no plain word of one kind, the kind model names what
    /// the entry resembles when it is sure; when it is not, the officer is told to read the words.
    @Test func aKindTheRulesLeaveUnnamedIsNamedByTheKindModelWhenItIsSure() throws {
        let detector = try Self.detector.get()
        let rulesOnly = detector.namingKindsByRulesOnly()
        for (text, kind) in [
            ("Em chỉ muốn ngủ một giấc thật dài và không bao giờ dậy nữa.", SafeguardingCategory.selfHarm),
            ("Cả tuần nay tụi nó chờ em tan học để lấy tiền, em hết tiền rồi.", .bullying),
        ] {
            #expect(rulesOnly.assess(text).flagged && rulesOnly.assess(text).category == nil, "\(text)")
            let assessment = detector.assess(text)
            #expect(assessment.category == kind, "\(text): \(assessment.codes)")
            // Stored and read back as a guess: the officer is told the kind is what it resembles.
            #expect(Array(assessment.codes.prefix(2)) == [kind.code, "kind_guess"])
            let stored = HeldEntryReasons(codes: assessment.codes.joined(separator: ", "))
            #expect(stored.category == kind && stored.categoryGuessed)
            #expect(stored.categoryVietnamese == kind.vietnamese + " — đoán theo lời viết, chưa chắc")
            #expect(!stored.cuesVietnamese.contains("đoán"))
        }
        let unsure = detector.assess("Em sợ về nhà lắm, ai giúp em với.")
        #expect(unsure.flagged && unsure.category == nil, "\(unsure.codes)")
    }

    @Test func theDisclosuresHeadingsSayTheirKind() throws {
        #expect(BundledSafeguardingEntries.headingKind("# bỏ mặc: bỏ đói (issue 18, vòng 2) [kind: neglect]") == .neglect)
        #expect(BundledSafeguardingEntries.headingKind("# ngắn, nhiều kiểu") == nil)
        #expect(BundledSafeguardingEntries.headingKind("# sai [kind: not_a_kind]") == nil)
        let byKind = try BundledSafeguardingEntries.disclosuresByKind()
        // Every kind has examples to learn from, and no line is counted under two headings.
        #expect(Set(byKind.map(\.kind)) == Set(SafeguardingCategory.allCases))
        #expect(Set(byKind.map(\.text)).count == byKind.count)
        #expect(byKind.count < (try BundledSafeguardingEntries.disclosures()).count)
    }

    @Test func storedCodesReadBackForTheOfficer() {
        for reason: SafeguardingReason in [.harm(.neglect, to: .writer), .selfHarm, .plea, .veiledDisclosure, .danger, .online, .model] {
            #expect(SafeguardingReason(code: reason.code) == reason)
        }
        let stored = HeldEntryReasons(codes: "kind:neglect, plea, model")
        #expect(stored.category == .neglect && stored.cues == [.plea, .model])
        #expect(stored.categoryVietnamese.hasPrefix("bỏ mặc") && stored.cuesVietnamese.contains("lời kêu cứu"))
        // Held before categories were recorded: the closest kind its reasons allow.
        #expect(HeldEntryReasons(codes: "violence:writer, model").category == .physicalAbuse)
        #expect(HeldEntryReasons(codes: "sexual_abuse:writer, online").category == .onlineSexualExploitation)
        // Nothing names a kind: said so, not guessed.
        let unknown = HeldEntryReasons(codes: "model, something_newer")
        #expect(unknown.category == nil && unknown.cues == [.model])
        #expect(unknown.categoryVietnamese == SafeguardingCategory.unknownVietnamese)
    }

    // MARK: The lexicon's grammar

    @Test func childrenInGeneralAreNotASpecificChild() {
        let lexicon = DisclosureLexicon()
        #expect(lexicon.findings(in: VietnameseText("Đánh bạn là không tốt.")).certain.isEmpty)
        #expect(lexicon.findings(in: VietnameseText("Các bạn bị bắt nạt nên báo thầy cô.")).certain.isEmpty)
        let named = lexicon.findings(in: VietnameseText("Bạn Hoa bị bắt nạt hoài"), names: CapitalisedWords.keys(in: "Bạn Hoa bị bắt nạt hoài"))
        #expect(named.certain.contains(.harm(.bullying, to: .otherChild)))
    }

    @Test func aPossessiveEmIsNotTheWriter() {
        let lexicon = DisclosureLexicon()
        #expect(lexicon.findings(in: VietnameseText("Mẹ em bị bố đánh suốt.")).certain == [.harm(.violence, to: .household)])
        #expect(lexicon.findings(in: VietnameseText("Em nghĩ trẻ em bị đánh sẽ sợ đi học.")).certain.isEmpty)
    }

    @Test func harmlessSensesOfHarmWordsAreIgnored() {
        let lexicon = DisclosureLexicon()
        for text in ["Em đánh răng mỗi sáng.", "Đội em bị lớp 7B đánh bại.", "em bi dau bung vi an xuc xich", "Nóng muốn chết."] {
            let findings = lexicon.findings(in: VietnameseText(text))
            #expect(findings.certain.isEmpty && findings.possible.isEmpty, "\(text)")
        }
    }

    @Test func capitalisedWordsInsideASentenceAreNames() {
        let keys = CapitalisedWords.keys(in: "Bạn Hoa lớp em. Em thấy Đức khóc")
        #expect(keys.contains(TokenKey.of("hoa".utf8)))
        #expect(keys.contains(TokenKey.of("duc".utf8)))
        // Sentence-initial capitals are not names.
        #expect(!keys.contains(TokenKey.of("ban".utf8)))
        #expect(!keys.contains(TokenKey.of("em".utf8)))
    }

    // MARK: The evaluation line

    @Test func scoreCountsAndRates() {
        let score = SafeguardingScore(outcomes: [
            (true, true), (true, true), (true, true), (true, false),
            (false, true), (false, true), (false, false), (false, false),
        ])
        #expect(score.truePositives == 3 && score.falseNegatives == 1 && score.falsePositives == 2 && score.trueNegatives == 2)
        #expect(score.recall == 0.75)
        #expect(score.precision == 0.6)
        #expect(score.falseAlarmRate == 0.5)
    }

    @Test func evaluationLineFormat() {
        let score = SafeguardingScore(outcomes: [(true, true), (true, true), (true, false), (false, true)])
        #expect(score.evaluationLine == "safeguarding recall=0.6667 precision=0.6667")
        #expect(SafeguardingScore().evaluationLine == "safeguarding recall=1.0000 precision=1.0000")
        let line = SafeguardingScore(outcomes: [(true, true)]).evaluationLine
        #expect(line.wholeMatch(of: /safeguarding recall=[01]\.\d{4} precision=[01]\.\d{4}/) != nil)
    }
}
