import Testing

@testable import Forms

@Suite("Checking form files")
struct FormCheckTests {
    @Test func defaultFormIsValidAndHasTheCatalogue() throws {
        let form = try Fixtures.defaultForm()
        #expect(form.id == "dien-dan-tre-em")
        #expect(
            form.themes.map(\.code) == [
                "violence_abuse", "injury_accident", "online_safety", "climate_disaster_epidemic", "child_labour", "other",
            ])
        #expect(form.field(role: .school) != nil)
        #expect(!form.fields(role: .voice).isEmpty)
        // The theme field offers the catalogue without repeating it.
        #expect(form.field(role: .theme)?.choices.map(\.code) == form.themes.map(\.code))
        for theme in form.themes {
            #expect(!theme.keywords.isEmpty)
            #expect(!theme.description.vi.isEmpty)
        }
    }

    @Test func minimalFormIsValid() throws {
        let form = try FormLoader.parse(yaml: Fixtures.minimalForm, file: "t.yaml")
        #expect(form.fields.count == 9)
    }

    /// Each case: a replacement that introduces one mistake, the text on the line the problem
    /// must point at, and a word the message must contain.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String
        var to: String
        var lineWith: String
        var says: String
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            name: "YAML syntax", from: "title: Biểu mẫu thử", to: "title: [Biểu mẫu thử",
            lineWith: "themes:", says: "YAML syntax"),
        Mistake(
            name: "unknown type", from: "    type: longtext", to: "    type: paragraph",
            lineWith: "type: paragraph", says: "unknown field type"),
        Mistake(
            name: "duplicate field id", from: "  - id: ghi_chu", to: "  - id: ngay",
            lineWith: "id: ngay\n    type: text", says: "duplicated field id"),
        Mistake(
            name: "choice without choices",
            from: "    label: Sở thích\n    choices:\n      - {code: doc, label: Đọc sách}\n      - {code: ve, label: Vẽ}\n",
            to: "    label: Sở thích\n", lineWith: "type: multichoice", says: "needs a `choices` list"),
        Mistake(
            name: "no school field", from: "    role: school\n", to: "",
            lineWith: "fields:", says: "role: school"),
        Mistake(
            name: "no voice field", from: "    role: voice\n", to: "",
            lineWith: "fields:", says: "role: voice"),
        Mistake(
            name: "duplicated theme code", from: "  - code: other", to: "  - code: online_safety",
            lineWith: "code: online_safety\n    name: Khác", says: "duplicated theme code"),
        Mistake(
            name: "role on wrong type", from: "    type: boolean\n    role: consent", to: "    type: boolean\n    role: voice",
            lineWith: "role: voice\n    label: Đồng ý", says: "cannot be on a field of type `boolean`"),
        Mistake(
            name: "kind choice the product does not know", from: "code: opinion", to: "code: complaint",
            lineWith: "code: complaint", says: "kind `complaint`"),
        Mistake(
            name: "longtext without maxLength", from: "    maxLength: 20\n", to: "",
            lineWith: "type: longtext", says: "needs `maxLength`"),
        Mistake(
            name: "min above max", from: "    max: 50", to: "    max: 0",
            lineWith: "max: 0", says: "below `min`"),
        Mistake(
            name: "misspelt key", from: "    required: true\n    label: Nội dung", to: "    requird: true\n    label: Nội dung",
            lineWith: "requird", says: "unknown key `requird`"),
        Mistake(
            name: "version not a number", from: "version: 1", to: "version: one",
            lineWith: "version: one", says: "positive integer"),
    ]

    @Test(arguments: mistakes)
    func mistakeIsRefusedAtItsLine(_ mistake: Mistake) throws {
        #expect(Fixtures.minimalForm.contains(mistake.from), "fixture lost the text the case edits")
        let broken = Fixtures.minimalForm.replacingOccurrences(of: mistake.from, with: mistake.to)
        let error = #expect(throws: FormProblems.self) {
            try FormLoader.parse(yaml: broken, file: "forms/broken.yaml")
        }
        let problems = try #require(error?.problems)
        let expectedLine = lineNumber(of: mistake.lineWith, in: broken)
        #expect(expectedLine > 0)
        let match = problems.first { $0.messageEN.contains(mistake.says) }
        #expect(match != nil, "no problem says «\(mistake.says)»: \(problems)")
        #expect(match?.line == expectedLine, "\(problems)")
        #expect(match?.file == "forms/broken.yaml")
        #expect(match?.description.hasPrefix("forms/broken.yaml:\(expectedLine):") == true)
        #expect(!(match?.messageVI.isEmpty ?? true))
    }

    /// Multi-line needles locate their first line.
    private func lineNumber(of needle: String, in text: String) -> Int {
        guard let range = text.range(of: needle) else { return -1 }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    @Test func oneBrokenFieldDoesNotHideOtherProblems() throws {
        let broken = Fixtures.minimalForm
            .replacingOccurrences(of: "    type: longtext", with: "    type: paragraph")
            .replacingOccurrences(of: "  - id: ghi_chu", with: "  - id: ngay")
        let error = #expect(throws: FormProblems.self) { try FormLoader.parse(yaml: broken, file: "b.yaml") }
        let messages = error?.problems.map(\.messageEN) ?? []
        #expect(messages.contains { $0.contains("unknown field type") })
        #expect(messages.contains { $0.contains("duplicated field id") })
        // The voice field's type is broken, but its role is still declared: no cascade.
        #expect(!messages.contains { $0.contains("role: voice") })
    }

    @Test func contentHashIgnoresCommentsButNotMeaning() throws {
        let form = try FormLoader.parse(yaml: Fixtures.minimalForm, file: "a.yaml")
        let commented = try FormLoader.parse(yaml: "# a comment\n" + Fixtures.minimalForm, file: "b.yaml")
        let changed = try FormLoader.parse(
            yaml: Fixtures.minimalForm.replacingOccurrences(of: "maxLength: 20", with: "maxLength: 30"), file: "c.yaml")
        #expect(form.contentHash == commented.contentHash)
        #expect(form.contentHash != changed.contentHash)
        #expect(form.contentHash.count == 64)
    }
}
