import Forms
import Foundation
import Summary
import Testing

@testable import Analysis

/// The project's own paraphrase groups: several children asking for the same thing in their own words.
enum Paraphrases {
    static let groups: [(theme: String, texts: [String])] = [
        (
            "injury_accident",
            [
                "Cháu mong xã làm hàng rào quanh cái ao đầu làng",
                "ao gan truong em ko co rao chan, de nghi lam rao",
                "Đề nghị rào ao lại để các bạn nhỏ không bị ngã xuống ao",
                "Em muốn có hàng rào chắn ở bờ ao cạnh nhà văn hoá",
            ]
        ),
        (
            "injury_accident",
            [
                "Cháu mong có lớp dạy bơi miễn phí mùa hè",
                "em muon duoc hoc boi mien phi o truong",
                "Nhóm em đề xuất mở lớp học bơi cho học sinh tiểu học",
                "bao giờ phường có lớp dạy bơi để tụi con học bơi ạ",
            ]
        ),
        (
            "injury_accident",
            [
                "Đề nghị làm gờ giảm tốc trước cổng trường",
                "xe chay nhanh qua cong truong, em mong co go giam toc",
                "Cổng trường em cần gờ giảm tốc để xe đi chậm lại",
            ]
        ),
        (
            "child_labour",
            [
                "Nhiều bạn nhỏ phải đi bán vé số đến tối khuya",
                "em thay may ban ban ve so ngoai cho ko duoc di hoc",
                "Cháu đề nghị giúp các bạn bán vé số được đi học",
            ]
        ),
    ]

    /// Distinct requests of one theme: each must stay its own issue.
    static let distinct: [(theme: String, text: String)] = [
        ("injury_accident", "Cháu mong các bạn đội mũ bảo hiểm khi đi xe máy"),
        ("injury_accident", "Đề nghị sửa dây điện thõng xuống ở đầu ngõ"),
        ("injury_accident", "Trường em cần lan can cao hơn ở tầng ba"),
        ("injury_accident", "Em mong có đèn giao thông ở ngã tư gần chợ"),
        ("child_labour", "Nhiều bạn nghỉ học để phụ bố mẹ làm ở xưởng gỗ"),
    ]
}

@Suite("Near-duplicate issues")
struct IssueClusteringTests {

    @Test func paraphrasesShareAnIssueAndDifferentRequestsDoNot() throws {
        let weighting = try TermWeighting.bundled()
        var index = IssueIndex()
        var issueOf: [[String]] = []
        for group in Paraphrases.groups {
            issueOf.append(
                group.texts.map { text in
                    index.place(vector: weighting.vector(VietnameseText(text)), theme: group.theme, text: text, participants: 1)
                })
        }
        for (group, ids) in zip(Paraphrases.groups, issueOf) {
            let vectors = group.texts.map { weighting.vector(VietnameseText($0)) }
            let similarities = vectors.dropFirst().map { $0.cosine(vectors[0]) }
            #expect(Set(ids).count == 1, "\(group.texts[0]): \(similarities) ")
        }
        var firstIssues = issueOf.map { $0[0] }
        for item in Paraphrases.distinct {
            firstIssues.append(
                index.place(
                    vector: weighting.vector(VietnameseText(item.text)), theme: item.theme,
                    text: item.text, participants: 1))
        }
        #expect(
            Set(firstIssues).count == Paraphrases.groups.count + Paraphrases.distinct.count,
            "different requests were merged")
    }
}

@Suite("Grouping by meaning")
struct GroupingByMeaningTests {
    @Test func pairsAreCountedAgainstPeoplesGroups() {
        // People: {a1, a2, a3} ask one thing, s1 and s2 ask things nobody else does.
        // Placed: a1+a2 together, a3 alone, s1 wrongly with a1+a2, s2 alone.
        let score = GroupingEvaluation(placed: ["x", "x", "y", "x", "z"], groups: ["a", "a", "a", nil, nil])
        #expect(score.goldPairs == 3)
        #expect(score.placedPairs == 3)
        #expect(score.correctPairs == 1)
        #expect(score.issues == 3)
    }

    @Test func aPhraseOfTheLexiconBecomesItsConceptWhateverItsSpelling() {
        let lexicon = ConceptLexicon(lines: [
            "# a comment", "free: miễn phí, không mất tiền, free", "swimming_lessons: học bơi, dạy bơi",
        ])
        #expect(lexicon.conceptCount == 2)
        func concepts(_ text: String) -> Set<TermKey> { Self.concepts(of: text, lexicon: lexicon) }
        let free = TermKey(term: "#free"), swim = TermKey(term: "#swimming_lessons")
        #expect(concepts("lớp dạy bơi miễn phí").isSuperset(of: [free, swim]))
        #expect(concepts("mở lớp học bơi ko mất tiền").isSuperset(of: [free, swim]))
        #expect(concepts("hoc boi free").isSuperset(of: [free, swim]))
        // "không" alone is not "không mất tiền".
        #expect(!concepts("không có lớp học bơi").contains(free))
    }

    @Test func aSyllableMarkedAccentedOnlyIsItsConceptOnlyWhenWrittenWithItsMarks() {
        // "muỗi" (mosquitoes) folds to "muoi", which is also "mười" (ten).
        let lexicon = ConceptLexicon(lines: ["mosquitoes: phun thuốc muỗi, =muỗi"])
        func concepts(_ text: String) -> Set<TermKey> { Self.concepts(of: text, lexicon: lexicon) }
        let mosquitoes = TermKey(term: "#mosquitoes")
        #expect(concepts("Xóm em nhiều muỗi quá, xịt thuốc giùm").contains(mosquitoes))
        #expect(concepts("phun thuoc muoi cho xom em").contains(mosquitoes))
        #expect(concepts("lop em co muoi ban bi om").isEmpty)
        #expect(concepts("Lớp em có mười bạn bị ốm").isEmpty)
    }

    /// The concepts of the lexicon a text's terms name.
    static func concepts(of text: String, lexicon: ConceptLexicon) -> Set<TermKey> {
        Set(IssueTerms.terms(of: VietnameseText(text), lexicon: lexicon).filter(\.isConcept).map(\.key))
    }

    @Test func theBundledLexiconLoads() throws {
        #expect(try ConceptLexicon.bundled().conceptCount > 0)
    }
}
