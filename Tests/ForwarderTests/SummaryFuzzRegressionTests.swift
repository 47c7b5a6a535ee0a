import Foundation
import Summary
import Testing

/// Replays the summary fuzzing corpus (Tests/Fuzz/summary, see Tests/Fuzz/README.md) through the
/// intake decoder. The regressions are inputs fuzzing found that were accepted and then trapped when
/// rolled up (a count near Int.max, a target value beyond Int): intake must refuse them.
@Suite("Summary fuzzing corpus")
struct SummaryFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/summary")

    static func files(_ sub: String) -> [String] {
        let directory = folder.appendingPathComponent(sub)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    @Test func theCorpusIsFound() {
        #expect(Self.files("seeds").count >= 10)
        #expect(Self.files("regressions").count >= 2)
    }

    @Test(arguments: files("regressions"))
    func whatTrappedInTheRollUpIsRefusedAtIntake(_ path: String) throws {
        let body = try Data(contentsOf: URL(fileURLWithPath: path))
        guard case let .failure(problems) = Summary.decodeValidated(body) else {
            Issue.record("\(path) was accepted")
            return
        }
        #expect(problems.problems.contains { $0.contains("above \(Summary.maximumCount)") }, "\(problems.problems)")
    }

    @Test(arguments: files("seeds"))
    func anAcceptedSeedSurvivesReEncodingAndAddsUpWithoutOverflow(_ path: String) throws {
        let body = try Data(contentsOf: URL(fileURLWithPath: path))
        guard case let .success(summary) = Summary.decodeValidated(body) else { return }
        let again = Summary.decodeValidated(try JSONEncoder().encode(summary))
        guard case let .success(decoded) = again else {
            Issue.record("\(path): accepted, re-encoded, refused")
            return
        }
        #expect(decoded == summary)
        let totals = summary.totals
        for count in [totals.entries, totals.consultations, totals.safeguardingHeld, totals.registeredSchools] {
            #expect(!count.multipliedReportingOverflow(by: 1_000_000).overflow)
        }
    }
}
