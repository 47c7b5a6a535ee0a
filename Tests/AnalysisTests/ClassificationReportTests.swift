import Summary
import Testing

@testable import Analysis

@Suite("Evaluation maths")
struct ClassificationReportTests {
    /// Worked by hand: truth → predicted
    ///   a: a a a b      b: b b a      c: c b
    /// confusion (rows truth a, b, c; columns predicted a, b, c) = [[3,1,0],[1,2,0],[0,1,1]]
    /// a: P 3/4, R 3/4, F1 0.75 · b: P 2/4, R 2/3, F1 4/7 · c: P 1/1, R 1/2, F1 2/3
    /// macro-F1 = (0.75 + 4/7 + 2/3) / 3 = 0.66270, accuracy 6/9.
    static let outcomes: [(truth: String, predicted: String)] = [
        ("a", "a"), ("a", "a"), ("a", "a"), ("a", "b"),
        ("b", "b"), ("b", "b"), ("b", "a"),
        ("c", "c"), ("c", "b"),
    ]

    @Test func handComputedConfusionMatrix() {
        let report = ClassificationReport(themes: ["a", "b", "c"], outcomes: Self.outcomes)
        #expect(report.themes == ["a", "b", "c"])
        #expect(report.confusion == [[3, 1, 0], [1, 2, 0], [0, 1, 1]])
        #expect(report.count == 9)
        #expect(abs(report.accuracy - 6.0 / 9.0) < 1e-9)
        let scores = report.perTheme
        #expect(scores.map(\.support) == [4, 3, 2])
        #expect(abs(scores[0].precision - 0.75) < 1e-9 && abs(scores[0].recall - 0.75) < 1e-9)
        #expect(abs(scores[1].precision - 0.5) < 1e-9 && abs(scores[1].recall - 2.0 / 3.0) < 1e-9)
        #expect(abs(scores[1].f1 - 4.0 / 7.0) < 1e-9)
        #expect(abs(scores[2].precision - 1) < 1e-9 && abs(scores[2].f1 - 2.0 / 3.0) < 1e-9)
        #expect(abs(report.macroF1 - (0.75 + 4.0 / 7.0 + 2.0 / 3.0) / 3) < 1e-9)
    }

    @Test func aThemeNeitherTrueNorPredictedDoesNotLowerMacroF1() {
        let withUnused = ClassificationReport(themes: ["a", "b", "c", "d"], outcomes: Self.outcomes)
        let without = ClassificationReport(themes: ["a", "b", "c"], outcomes: Self.outcomes)
        #expect(withUnused.macroF1 == without.macroF1)
        #expect(withUnused.perTheme[3].support == 0)
    }

    @Test func aThemeNeverPredictedCountsAsZeroF1() {
        let report = ClassificationReport(themes: ["a", "b"], outcomes: [("a", "a"), ("b", "a")])
        // a: P 1/2, R 1, F1 2/3 · b: never predicted, F1 0 → macro 1/3
        #expect(abs(report.macroF1 - 1.0 / 3.0) < 1e-9)
        #expect(report.accuracy == 0.5)
    }

    @Test func labelsOutsideTheFormGetTheirOwnRow() {
        let report = ClassificationReport(themes: ["a"], outcomes: [("a", "a"), ("x", "a")])
        #expect(report.themes == ["a", "x"])
        #expect(report.confusion == [[1, 0], [1, 0]])
    }
}
