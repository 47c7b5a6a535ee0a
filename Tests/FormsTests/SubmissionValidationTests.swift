import Foundation
import Testing

@testable import Forms

@Suite("Validating submissions")
struct SubmissionValidationTests {
    let form: Form

    init() throws {
        form = try FormLoader.parse(yaml: Fixtures.minimalForm, file: "t.yaml")
    }

    private func errors(_ answers: [String: JSONValue]) -> [FieldError] {
        if case let .failure(failure) = form.validate(answers: answers) { return failure.errors }
        return []
    }

    private let valid: [String: JSONValue] = [
        "school": "TH-01", "noi_dung": "Em muốn có bể bơi", "so_ban": 4, "loai": "question",
        "chu_de": "other", "so_thich": ["doc", "ve"], "dong_y": true, "ngay": "2024-02-29", "ghi_chu": "x",
    ]

    @Test func everyFieldTypeAcceptsAValidAnswer() throws {
        let result = try form.validate(answers: valid).get()
        #expect(result.roles.school == "TH-01")
        #expect(result.roles.participants == 4)
        #expect(result.roles.kind == "question")
        #expect(result.roles.theme == "other")
        #expect(result.roles.consent == true)
        #expect(result.roles.voice == "Em muốn có bể bơi")
        #expect(result.answers["so_thich"] == ["doc", "ve"])
    }

    @Test func participantsDefaultToOne() throws {
        let result = try form.validate(answers: ["school": "TH-01", "noi_dung": "Xin chào"]).get()
        #expect(result.roles.participants == 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var field: String
        var value: JSONValue
        var code: FieldError.Code
        var testDescription: String { "\(field)=\(value) → \(code.rawValue)" }
    }

    static let invalidCases: [Case] = [
        Case(field: "noi_dung", value: 42, code: .wrongType),
        Case(field: "noi_dung", value: .string(String(repeating: "a", count: 21)), code: .tooLong),
        Case(field: "ghi_chu", value: .string(String(repeating: "b", count: defaultTextMaxLength + 1)), code: .tooLong),
        Case(field: "ghi_chu", value: "có\u{0}NUL", code: .invalidText),
        Case(field: "so_ban", value: "4", code: .wrongType),
        Case(field: "so_ban", value: .double(4.5), code: .wrongType),
        Case(field: "so_ban", value: 0, code: .outOfRange),
        Case(field: "so_ban", value: 51, code: .outOfRange),
        Case(field: "loai", value: "complaint", code: .unknownChoice),
        Case(field: "loai", value: 1, code: .wrongType),
        Case(field: "chu_de", value: "child_labour", code: .unknownChoice),
        Case(field: "so_thich", value: "doc", code: .wrongType),
        Case(field: "so_thich", value: ["doc", "hat"], code: .unknownChoice),
        Case(field: "dong_y", value: "yes", code: .wrongType),
        Case(field: "ngay", value: "2023-02-29", code: .wrongType),
        Case(field: "ngay", value: "29/02/2024", code: .wrongType),
        Case(field: "la", value: "x", code: .unknownField),
    ]

    @Test(arguments: invalidCases)
    func invalidAnswerIsRefusedWithItsCode(_ testCase: Case) {
        var answers = valid
        answers[testCase.field] = testCase.value
        let found = errors(answers)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.field == testCase.field)
        #expect(found.first?.code == testCase.code)
        #expect(found.first?.messageVI.isEmpty == false)
        #expect(found.first?.messageEN.isEmpty == false)
    }

    @Test func missingRequiredFields() {
        let found = errors(["school": "   ", "so_ban": 2])
        #expect(Set(found.map(\.field)) == ["school", "noi_dung"])
        #expect(found.allSatisfy { $0.code == .missingRequired })
        #expect(found.first { $0.field == "noi_dung" }?.messageVI.contains("Nội dung") == true)
    }

    @Test func everyErrorIsReportedAtOnce() {
        let found = errors(["noi_dung": 1, "so_ban": 900, "loai": "x", "extra": true])
        #expect(Set(found.map(\.code)) == [.missingRequired, .wrongType, .outOfRange, .unknownChoice, .unknownField])
    }

    @Test func nfcAndNfdHaveTheSameLengthAndAreStoredInNFC() throws {
        let nfc = "Trường em cần hàng rào ở ao"  // 28 characters
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        let limitForm = try FormLoader.parse(
            yaml: Fixtures.minimalForm.replacingOccurrences(of: "maxLength: 20", with: "maxLength: \(nfc.count)"),
            file: "t.yaml")
        for text in [nfc, nfd] {
            let result = try limitForm.validate(answers: ["school": "A", "noi_dung": .string(text)]).get()
            let stored = try #require(result.answers["noi_dung"]?.stringValue)
            #expect(Array(stored.unicodeScalars) == Array(nfc.unicodeScalars))
            #expect(result.roles.voice.unicodeScalars.elementsEqual(nfc.unicodeScalars))
        }
        let tooLong = nfd + "!"
        guard case let .failure(failure) = limitForm.validate(answers: ["school": "A", "noi_dung": .string(tooLong)]) else {
            Issue.record("one character over the limit must be refused, whatever the normalisation")
            return
        }
        #expect(failure.errors.map(\.code) == [.tooLong])
    }

    @Test func jsonValueKeepsIntegersApartFromFractions() throws {
        let decoded = try JSONDecoder().decode([String: JSONValue].self, from: Data(#"{"a":3,"b":3.5,"c":"3"}"#.utf8))
        #expect(decoded["a"] == .int(3))
        #expect(decoded["b"] == .double(3.5))
        #expect(decoded["c"] == .string("3"))
    }

    @Test func paperCellsBecomeAnswers() throws {
        let kind = try #require(form.field(id: "loai"))
        #expect(kind.answer(fromCell: "Câu hỏi") == "question")
        #expect(kind.answer(fromCell: "cau hoi") == "question")
        #expect(kind.answer(fromCell: "opinion") == "opinion")
        let count = try #require(form.field(id: "so_ban"))
        #expect(count.answer(fromCell: " 12 ") == 12)
        #expect(count.answer(fromCell: "mười") == "mười")
        #expect(count.answer(fromCell: "") == nil)
        let consent = try #require(form.field(id: "dong_y"))
        #expect(consent.answer(fromCell: "Có") == true)
    }

    @Test func schemaListsEveryFieldAndTheRequiredOnes() throws {
        let schema = form.jsonSchema()
        let answers = try #require(schema.objectValue?["properties"]?.objectValue?["answers"]?.objectValue)
        #expect(Set(answers["properties"]?.objectValue?.keys.map { $0 } ?? []) == Set(form.fields.map(\.id)))
        #expect(answers["required"] == ["school", "noi_dung"])
        #expect(answers["properties"]?.objectValue?["loai"]?.objectValue?["enum"] == ["question", "opinion"])
    }
}
