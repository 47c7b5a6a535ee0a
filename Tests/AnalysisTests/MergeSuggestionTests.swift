import Testing

@testable import Analysis

/// An officer answering an issue is shown the issues worded most like it, of any theme, so that a
/// request split in two by words the lexicon lacks, or by a theme the classifier got wrong, can be
/// merged by a person.
@Suite("Merge suggestions")
struct MergeSuggestionTests {
    /// Each text its own issue (a join threshold no pair reaches), as if the grouping had split them.
    static func separateIssues(_ texts: [(theme: String, text: String)]) throws -> (IssueIndex, [String]) {
        let weighting = try TermWeighting.bundled()
        var index = IssueIndex(joinThreshold: 2)
        let ids = texts.map { item in
            index.place(vector: weighting.vector(VietnameseText(item.text)), theme: item.theme, text: item.text, participants: 1)
        }
        return (index, ids)
    }

    @Test func theSameRequestInOtherWordsComesFirstWhateverItsTheme() throws {
        let (index, ids) = try Self.separateIssues([
            ("injury_accident", "Cháu mong có lớp dạy bơi miễn phí mùa hè"),
            ("injury_accident", "Đề nghị làm gờ giảm tốc trước cổng trường"),
            ("injury_accident", "em muon duoc hoc boi mien phi o truong"),
            ("injury_accident", "Em mong có hàng rào quanh cái ao đầu làng để các bạn không bị ngã"),
            ("child_labour", "Cháu mong các bạn bán vé số được học bơi miễn phí"),
        ])
        let suggested = index.suggestions(for: ids[0], limit: 5)
        #expect(suggested.first?.id == ids[2], "the same request without marks comes first: \(suggested)")
        // Filed under child labour by the classifier, it still asks for free swimming lessons.
        #expect(suggested.map(\.id).prefix(2).contains(ids[4]), "an issue of another theme is suggested too: \(suggested)")
        #expect(!suggested.contains { $0.id == ids[1] }, "an issue sharing no term is not suggested")
        #expect(suggested.map(\.similarity) == suggested.map(\.similarity).sorted(by: >))
        #expect(index.suggestions(for: "no-such-issue", limit: 5).isEmpty)
    }

    /// The review measure of `tiengnoi issues --eval`: a suggestion taken only when people grouped
    /// both issues' entries together, so recall rises and no wrong pair is added.
    @Test func anOfficersReviewMendsSplitsWithoutWrongMerges() throws {
        let entries = [
            GroupingEvaluation.Entry(text: "Cháu mong có lớp dạy bơi miễn phí mùa hè", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Nhóm em đề xuất mở lớp học bơi không mất tiền cho học sinh", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Trường em cần có bể bơi có người cứu hộ trông các bạn", group: nil, theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Đề nghị làm gờ giảm tốc trước cổng trường", group: nil, theme: "injury_accident"),
        ]
        let weighting = try TermWeighting.bundled()
        let placed = GroupingEvaluation(entries, weighting: weighting, joinThreshold: 2)
        let reviewed = GroupingEvaluation(reviewing: entries, weighting: weighting, shown: 3, joinThreshold: 2)
        #expect(placed.recall == 0 && reviewed.recall == 1)
        #expect(reviewed.precision == 1)
        #expect(reviewed.issues == 3)
    }

    /// The same request filed under two themes by the classifier: only a suggestion across themes
    /// lets the review bring it together (simulated review, as `tiengnoi issues --eval` prints it).
    @Test func theReviewMendsARequestSplitAcrossThemes() throws {
        let entries = [
            GroupingEvaluation.Entry(text: "Cháu mong có lớp dạy bơi miễn phí mùa hè", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Nhóm em đề xuất mở lớp học bơi không mất tiền cho học sinh", group: "swim", theme: "other"),
            GroupingEvaluation.Entry(text: "Đề nghị làm gờ giảm tốc trước cổng trường", group: nil, theme: "injury_accident"),
        ]
        let reviewed = GroupingEvaluation(reviewing: entries, weighting: try TermWeighting.bundled(), shown: 3, joinThreshold: 2)
        #expect(reviewed.recall == 1 && reviewed.precision == 1 && reviewed.issues == 2)
    }
}

/// Issue centres are stored as JSON and read back by every analysis pass and issue page.
@Suite("Stored issue centres")
struct StoredCentreTests {
    @Test func aCentreReadsBackAsWritten() throws {
        let weighting = try TermWeighting.bundled()
        let vector = weighting.vector(VietnameseText("Cháu mong có lớp dạy bơi miễn phí mùa hè ở nhà văn hoá thôn"))
        var summed = vector
        summed.add(weighting.vector(VietnameseText("em muon duoc hoc boi mien phi o truong")))
        for original in [vector, summed, SparseVector([UInt64.max: 1e-7, 0: 12.5])] {
            let read = SparseVector(json: original.json)
            #expect(read.weights == original.weights)
        }
        #expect(SparseVector(json: "{}").isEmpty)
        // Written another way (spaces, as by hand): still read, by Foundation's decoder.
        #expect(SparseVector(json: #"{ "42": 0.5, "7": 2 }"#).weights == [42: 0.5, 7: 2])
        // Not a centre: nothing, rather than a wrong term.
        #expect(SparseVector(json: #"{"42":"x"}"#).isEmpty)
        #expect(SparseVector(json: #"{"18446744073709551616":1}"#).isEmpty)
    }
}

/// The arithmetic every placement and issue page rests on, kept in term order.
@Suite("Term vectors")
struct SparseVectorTests {
    @Test func sumsSimilaritiesAndStrongestTermsFollowTheirDefinitions() {
        var sum = SparseVector([5: 3, 1: 1, 3: 2])
        let other = SparseVector([4: 1, 3: 4, 5: -1])
        #expect(sum.dot(other) == 2 * 4 + 3 * -1)
        #expect(abs(sum.cosine(other) - 5 / (14.0.squareRoot() * 18.0.squareRoot())) < 1e-12)
        sum.add(other)
        #expect(sum.weights == [1: 1, 3: 6, 4: 1, 5: 2])
        #expect(sum.norm == 42.0.squareRoot())
        #expect(sum.keepingStrongest(2).weights == [3: 6, 5: 2])
        // Equal weights: the larger key first, the same in every run.
        #expect(SparseVector([2: 1, 7: 1, 4: 0.5]).strongest(2) == [7, 2])
        #expect(SparseVector([9: 3, 2: 4]).normalized().weights == [9: 0.6, 2: 0.8])
        #expect(SparseVector().dot(sum) == 0 && SparseVector().cosine(sum) == 0)
    }
}
