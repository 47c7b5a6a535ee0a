import Foundation
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

    /// The byte check that skips normalisation must agree with the scalar rule it replaced.
    @Test func nfcIsSkippedOnlyForTextThatCannotChange() {
        let samples = [
            "", "Cháu mong có lớp dạy bơi", "ĐƯỜNG Ơ ư", "em de nghi", "Trường em cần hàng rào ở ao",
            "e\u{0301}m", "A\u{0300}", "\u{02FF}x", "\u{1E00}\u{1EFF}", "\u{1F00}", "\u{1000}", "中文", "😀", "\u{0300}",
        ]
        for text in samples {
            let byScalars = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
            #expect(String.isStableUnderNFC(text.utf8) == byScalars, "\(text.unicodeScalars.map(\.value))")
            #expect(text.nfc == text.precomposedStringWithCanonicalMapping)
        }
    }
}
