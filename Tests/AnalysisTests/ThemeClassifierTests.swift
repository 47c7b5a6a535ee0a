import Forms
import Summary
import Testing

@testable import Analysis

@Suite("Theme classification")
struct ThemeClassifierTests {
    /// Written for these tests, one clear concern each; not taken from any data file.
    static let clearEntries: [(theme: String, text: String)] = [
        ("violence_abuse", "Em bị mấy anh lớp trên chặn đường đánh và lấy tiền ăn sáng, em không dám kể với ai."),
        ("violence_abuse", "Cháu mong thầy cô không đánh học sinh bằng thước nữa ạ."),
        ("violence_abuse", "o lop em co ban bi ca nhom bat nat, chui boi va co lap suot ca hoc ky"),
        ("violence_abuse", "bo ban em uong ruou ve la danh me va ban ay"),
        ("injury_accident", "Đoạn đường trước cổng trường xe chạy rất nhanh, em mong có gờ giảm tốc vào giờ tan học."),
        ("injury_accident", "Cháu muốn được học bơi để không bị đuối nước khi đi tắm sông."),
        ("injury_accident", "nha em gan ao sau ma khong co rao chan, em so cac em nho bi te xuong"),
        ("injury_accident", "em thay nhieu ban di xe dap dien khong doi mu bao hiem, chay nhanh qua nga tu"),
        ("online_safety", "Có người lạ nhắn tin làm quen với em trên Facebook rồi xin ảnh riêng, em rất sợ."),
        ("online_safety", "Em mong bố mẹ đặt giới hạn thời gian chơi game trên điện thoại cho các bạn nhỏ."),
        ("online_safety", "tai khoan zalo cua em bi hack roi ho nhan tin muon tien ban be em"),
        ("online_safety", "em mong co cach chan quang cao co bac tren youtube khi tre em xem"),
        ("climate_disaster_epidemic", "Mùa mưa lũ năm nào đường đến trường em cũng ngập, em mong xã có cảnh báo sớm."),
        ("climate_disaster_epidemic", "Em đề nghị phun thuốc diệt muỗi trong xóm vì nhiều bạn bị sốt xuất huyết."),
        ("climate_disaster_epidemic", "kenh sau truong em boc mui hoi va day rac thai, em mong duoc nao vet"),
        ("climate_disaster_epidemic", "nang nong qua, lop em khong co quat, cac ban bi say nang"),
        ("child_labour", "Bạn cùng lớp em phải nghỉ học để đi bán vé số giúp gia đình, em mong bạn được đi học lại."),
        ("child_labour", "Cháu thấy có xưởng may thuê trẻ em làm đến khuya mà trả rất ít tiền."),
        ("child_labour", "ban em moi 13 tuoi ma phai di phu ho ngoai cong trinh, em thay rat vat va"),
        ("child_labour", "em de nghi xa ho tro cac gia dinh ngheo de cac ban khong phai bo hoc di lam thue"),
        ("other", "Em mong thư viện trường có thêm truyện tranh và mở cửa cả giờ ra chơi."),
        ("other", "Bữa ăn bán trú ở trường em ít rau, em mong có thêm món ngon."),
        ("other", "em muon truong co them san bong va gio the thao sau gio hoc"),
        ("other", "bai tap ve nha nhieu qua, em khong co thoi gian choi voi em trai"),
    ]

    @Test(arguments: clearEntries.indices)
    func clearEntryGetsItsTheme(index: Int) throws {
        let classifier = try Fixtures.defaultClassifier.get()
        let entry = Self.clearEntries[index]
        let prediction = classifier.classify(entry.text)
        #expect(prediction.theme == entry.theme)
        #expect(prediction.scores.count == 6)
        #expect(abs(prediction.scores.values.reduce(0, +) - 1) < 1e-9)
        #expect(prediction.confidence == prediction.scores[prediction.theme])
    }

    @Test(arguments: clearEntries.indices)
    func theSameEntryWithoutDiacriticsGetsTheSameTheme(index: Int) throws {
        let classifier = try Fixtures.defaultClassifier.get()
        let entry = Self.clearEntries[index]
        let plain = VietnameseText.fold(entry.text)
        #expect(!VietnameseText.hasDiacritics(plain))
        #expect(classifier.classify(plain).theme == entry.theme)
    }

    @Test func clearEntriesAreConfidentAndGibberishNeedsReview() throws {
        let classifier = try Fixtures.defaultClassifier.get()
        let sure = classifier.classify("Em mong xã làm hàng rào quanh cái ao sâu ở đầu làng để các em nhỏ không bị đuối nước.")
        #expect(sure.theme == "injury_accident")
        #expect(sure.confidence > 0.9)
        #expect(!sure.needsReview)
        let unknown = classifier.classify("xyzzy qwrtp 😀")
        #expect(unknown.needsReview)
        #expect(unknown.theme == "other")
        #expect(classifier.classify("").needsReview)
    }

    @Test func aFormWithNewThemesWorksFromItsKeywordsAlone() throws {
        let form = Fixtures.form(themes: [
            Theme(
                code: "school_meals", name: LocalizedText(vi: "Bữa ăn ở trường"),
                description: LocalizedText(vi: "Căng tin, cơm bán trú, nước uống ở trường."),
                keywords: ["căng tin", "bữa ăn", "cơm bán trú", "thức ăn", "nước uống"]),
            Theme(
                code: "library", name: LocalizedText(vi: "Thư viện và sách"),
                description: LocalizedText(vi: "Thư viện, sách, truyện, giờ đọc."),
                keywords: ["thư viện", "sách", "truyện", "đọc sách", "mượn sách"]),
            Theme(
                code: "mental_health", name: LocalizedText(vi: "Sức khoẻ tinh thần"),
                description: LocalizedText(vi: "Áp lực học tập, buồn, lo âu, cần người lắng nghe."),
                keywords: ["áp lực", "căng thẳng", "lo âu", "buồn", "tư vấn tâm lý", "trầm cảm"]),
        ])
        let classifier = try ThemeClassifier(form: form)
        #expect(classifier.classify("căng tin trường em bán thức ăn đắt quá").theme == "school_meals")
        #expect(classifier.classify("em muon thu vien co nhieu sach truyen hon").theme == "library")
        #expect(classifier.classify("Em thấy áp lực thi cử nhiều quá, nhiều bạn căng thẳng và lo âu").theme == "mental_health")
    }

    @Test func aFormMixingKnownAndNewThemesUsesBoth() throws {
        let form = Fixtures.form(themes: [
            Theme(
                code: "online_safety", name: LocalizedText(vi: "An toàn trên mạng"),
                description: LocalizedText(vi: "Những điều trên mạng."), keywords: ["mạng xã hội"]),
            Theme(
                code: "mental_health", name: LocalizedText(vi: "Sức khoẻ tinh thần"),
                description: LocalizedText(vi: "Áp lực, lo âu."), keywords: ["áp lực", "lo âu", "trầm cảm", "tư vấn tâm lý"]),
        ])
        let classifier = try ThemeClassifier(form: form)
        #expect(classifier.themeCodes == ["online_safety", "mental_health"])
        #expect(classifier.classify("co nguoi la ket ban tren facebook roi doi gui anh").theme == "online_safety")
        #expect(classifier.classify("em mong truong co phong tu van tam ly cho hoc sinh bi ap luc").theme == "mental_health")
    }

    @Test func aFormWithoutThemesIsRefused() {
        #expect(throws: ThemeClassifierError.self) { try ThemeClassifier(form: Fixtures.form(themes: [])) }
    }

    @Test func aStaffCorrectionChangesThePredictionForThoseWords() throws {
        let form = try Fixtures.defaultForm()
        let text = "Em mong trường tổ chức hội chợ xuân để các bạn bán đồ gây quỹ."
        let before = try Fixtures.defaultClassifier.get().classify(text)
        #expect(before.theme != "child_labour")
        let corrected = try ThemeClassifier(form: form, corrections: [LabelledText(text: text, theme: "child_labour")])
        let after = corrected.classify(text)
        #expect(after.theme == "child_labour")
        #expect(after.confidence == 1)
        // The same words typed without marks or with other punctuation match the correction.
        #expect(corrected.classify("em mong truong to chuc hoi cho xuan de cac ban ban do gay quy!!!").theme == "child_labour")
    }

    @Test func correctionsTeachTheModelBeyondTheirExactWords() throws {
        let form = try Fixtures.defaultForm()
        let probe = "em muon co cuoc thi ve tranh ve tet trung thu"
        let before = try Fixtures.defaultClassifier.get().classify(probe)
        let corrections = [
            "Chúng em mong có cuộc thi vẽ tranh về Tết Trung thu cho thiếu nhi.",
            "cuoc thi ve tranh trung thu nam nay co giai thuong khong a",
            "Em đề nghị tổ chức thi vẽ tranh tết trung thu ở nhà văn hoá.",
        ].map { LabelledText(text: $0, theme: "violence_abuse") }
        let after = try ThemeClassifier(form: form, corrections: corrections).classify(probe)
        #expect(before.theme != "violence_abuse")
        #expect(after.scores["violence_abuse"]! > before.scores["violence_abuse"]!)
    }

    @Test func correctionsNamingAThemeTheFormLacksAreIgnored() throws {
        let form = try Fixtures.defaultForm()
        let text = "Em mong thư viện có thêm sách."
        let classifier = try ThemeClassifier(form: form, corrections: [LabelledText(text: text, theme: "no_such_theme")])
        #expect(classifier.classify(text).theme == "other")
    }

    @Test func evaluationSeparatesEntriesWrittenWithoutDiacritics() throws {
        let classifier = try Fixtures.defaultClassifier.get()
        let examples = Self.clearEntries.map { LabelledText(text: $0.text, theme: $0.theme) }
        let evaluation = ThemeEvaluation(classifier: classifier, examples: examples)
        #expect(evaluation.overall.count == 24)
        #expect(evaluation.withoutDiacritics.count == examples.filter { !VietnameseText.hasDiacritics($0.text) }.count)
        #expect(evaluation.withoutDiacritics.count == 12)
        #expect(evaluation.overall.accuracy == 1)
    }
}
