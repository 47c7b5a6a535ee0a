import Testing

@testable import Analysis

/// An issue's page lists the entries least like the rest first and marks them, so that an officer
/// finds a child who asked something else without rereading every entry, and splits it out.
@Suite("Entries unlike the rest of their issue")
struct MemberFitTests {
    @Test func anEntryAskingSomethingElseFitsLeastAndIsMarked() throws {
        let weighting = try TermWeighting.bundled()
        let texts = [
            "Cháu mong có lớp dạy bơi miễn phí mùa hè",
            "Em mong có lớp dạy bơi miễn phí cho học sinh mùa hè",
            "Đề nghị mở lớp dạy bơi miễn phí vào mùa hè cho các bạn",
            "Đề nghị lắp đèn đường ở ngõ tối gần trường em",
        ]
        let fit = MemberFit.similarities(texts.map { weighting.vector(VietnameseText($0)) })
        #expect(fit.firstIndex(of: fit.min()!) == 3, "the street light fits least: \(fit)")
        #expect(fit[3] < MemberFit.markBelow, "and is marked: \(fit)")
        #expect(fit[0..<3].allSatisfy { $0 >= MemberFit.markBelow }, "the same request is not marked: \(fit)")
        #expect(MemberFit.similarities([weighting.vector(VietnameseText(texts[0]))]) == [1], "one member has nothing to differ from")
    }

    /// The review measure of `tiengnoi issues --eval`: with every entry of a theme forced into one
    /// issue, the officer splits out the marked entries people did not group with the request, and
    /// no wrong pair is left.
    @Test func splittingTheMarkedEntriesUndoesWrongJoins() throws {
        let entries = [
            GroupingEvaluation.Entry(text: "Cháu mong có lớp dạy bơi miễn phí mùa hè", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Em mong có lớp dạy bơi miễn phí cho học sinh mùa hè", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Đề nghị mở lớp dạy bơi miễn phí vào mùa hè cho các bạn", group: "swim", theme: "injury_accident"),
            GroupingEvaluation.Entry(text: "Em mong trường có sân chơi mới cho học sinh vào mùa hè", group: nil, theme: "injury_accident"),
        ]
        let weighting = try TermWeighting.bundled()
        // A join threshold every shared term clears: a new playground joins the swimming lessons.
        let joined = GroupingEvaluation(entries, weighting: weighting, joinThreshold: 0.01)
        #expect(joined.issues == 1 && joined.precision < 1)
        let merged = GroupingEvaluation(reviewing: entries, weighting: weighting, shown: 3, joinThreshold: 0.01)
        #expect(merged.precision == joined.precision, "merge suggestions alone leave the wrong member")
        let reviewed = GroupingEvaluation(
            reviewing: entries, weighting: weighting, shown: 3, splitBelow: MemberFit.markBelow, joinThreshold: 0.01)
        #expect(reviewed.splitOut == 1 && reviewed.marked >= 1)
        #expect(reviewed.precision == 1 && reviewed.recall == 1 && reviewed.issues == 2)
    }
}
