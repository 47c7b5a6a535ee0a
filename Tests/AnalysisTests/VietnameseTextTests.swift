import Foundation
import Summary
import Testing

@testable import Analysis

@Suite("Vietnamese matching normalisation")
struct VietnameseTextTests {
    @Test func foldsEveryToneAndVowelMarkIncludingĐ() {
        let text = VietnameseText("Đường đến TRƯỜNG ở Quảng Ngãi rất nguy hiểm")
        #expect(text.foldedTokens == ["duong", "den", "truong", "o", "quang", "ngai", "rat", "nguy", "hiem"])
        #expect(text.accentedTokens == ["đường", "đến", "trường", "ở", "quảng", "ngãi", "rất", "nguy", "hiểm"])
        #expect(VietnameseText.fold("Ăn ỔI, uống SỮA, đọc sách") == "an oi, uong sua, doc sach")
        // A child typing without Vietnamese input still writes a name with its capital.
        #expect(VietnameseText.fold("Bạn Đức ở Quảng Ngãi, ỔI 2 ký", keepingCase: true) == "Ban Duc o Quang Ngai, OI 2 ky")
    }

    @Test func decomposedInputMatchesComposedInput() {
        let composed = "Bạn ấy bị bắt nạt ở trường, không dám kể với ai."
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) != Array(composed.unicodeScalars))
        #expect(VietnameseText(decomposed) == VietnameseText(composed))
        #expect(VietnameseText(decomposed).accentedTokens.contains("trường"))
        #expect(VietnameseText.fold(decomposed) == VietnameseText.fold(composed))
    }

    @Test func childrenShorthandIsWrittenOut() {
        let text = VietnameseText("mk ko dc đi hok vs mn, bn bt j ko? hs vs gv cx r")
        #expect(text.accentedText == "mình không được đi không với mọi người bạn biết gì không học sinh với giáo viên cũng rồi")
        #expect(VietnameseText("e thik nhìu wá, zậy thì đc").accentedText == "em thích nhiều quá vậy thì được")
        #expect(VietnameseText("ng lạ nhắn tin, ns chuyện vs e").foldedText == "nguoi la nhan tin noi chuyen voi em")
    }

    @Test func shorthandWithoutDiacriticsMatchesTheFullWords() {
        #expect(VietnameseText("ko dc danh ban").foldedText == VietnameseText("Không được đánh bạn!").foldedText)
    }

    @Test func trIsResolvedOnlyWhenItsNeighboursSayWhichWordItIs() {
        #expect(VietnameseText("o cong tr co nhieu xe").foldedText == "o cong truong co nhieu xe")
        #expect(VietnameseText("tr lop em co ban bi danh").foldedText == "trong lop em co ban bi danh")
        #expect(VietnameseText("tr hoc xa qua").foldedText == "truong hoc xa qua")
        #expect(VietnameseText("tr oi").foldedText == "tr oi")
    }

    @Test func stretchedLettersCollapseButRealDoubleLettersStay() {
        #expect(VietnameseText("nóng quáaaaa, sợ lắmmm!!!").accentedText == "nóng quá sợ lắm")
        #expect(VietnameseText("khôngggg").accentedText == "không")
        #expect(VietnameseText("kooo").accentedText == "không")
        #expect(VietnameseText("cứu con cừu, cuu").foldedText == "cuu con cuu cuu")
        #expect(VietnameseText("cái xoong").foldedText == "cai xoong")
        #expect(VietnameseText("số 111").foldedText == "so 111")
    }

    @Test func oldAndNewTonePlacementMatch() {
        #expect(VietnameseText("hoá chất, khoẻ, thuỷ").accentedTokens == VietnameseText("hóa chất, khỏe, thủy").accentedTokens)
        #expect(VietnameseText("quý").accentedTokens == ["quý"])
        #expect(VietnameseText("hoàng").accentedTokens == ["hoàng"])
    }

    @Test func punctuationAndSpacingDoNotMatter() {
        let messy = VietnameseText("  Em…mong   các bác ,(làm) rào-chắn!!! 😢 ")
        #expect(messy.foldedTokens == ["em", "mong", "cac", "bac", "lam", "rao", "chan"])
    }

    @Test func diacriticsAreDetectedOnlyWhenFoldingChangesTheText() {
        #expect(VietnameseText("em mong co rao chan").hasDiacritics == false)
        #expect(VietnameseText("EM MONG CO RAO CHAN").hasDiacritics == false)
        #expect(VietnameseText("em mong có rào chắn").hasDiacritics == true)
        #expect(VietnameseText("di duong").hasDiacritics == false)
        #expect(VietnameseText("đi duong").hasDiacritics == true)
        // Shorthand written out by us does not make the child's text accented.
        #expect(VietnameseText("ko dc").hasDiacritics == false)
        #expect(VietnameseText.hasDiacritics("ko dc") == false)
        #expect(VietnameseText.hasDiacritics("Hà Nội") == true)
    }
}
