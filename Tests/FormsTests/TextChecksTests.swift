import Testing

@testable import Forms

@Suite("Trimming and blank checks on children's text")
struct TextChecksTests {
    @Test func trimsEveryKindOfWhiteSpaceAndKeepsTheWords() {
        #expect("  \u{00A0}Cháu mong có sân chơi \n\t".trimmedWhitespace == "Cháu mong có sân chơi")
        #expect("Em đề nghị".trimmedWhitespace == "Em đề nghị")
        // A decomposed letter at either end stays whole.
        #expect(" e\u{0301}m ".trimmedWhitespace == "e\u{0301}m")
        #expect(" \u{3000}\n ".trimmedWhitespace == "")
        #expect("".trimmedWhitespace == "")
        let line: Substring = "  dòng trong tệp  "[...]
        #expect(line.trimmedWhitespace == "dòng trong tệp")
    }

    @Test func blankMeansOnlyWhiteSpace() {
        #expect(" \u{00A0}\t".isBlank && "".isBlank)
        #expect(!" a ".isBlank)
    }
}
