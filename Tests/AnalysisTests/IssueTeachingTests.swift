import Forms
import Foundation
import Storage
import Testing

@testable import Analysis

/// Staff merges and splits teach grouping: an issue's centre is rebuilt from its members, so a new
/// entry worded like any member finds the issue staff made.
@Suite("Grouping learns from staff merges")
struct IssueTeachingTests {
    let database: AppDatabase
    let form: Form

    init() throws {
        database = try AppDatabase(directory: FileManager.default.temporaryDirectory.appendingPathComponent("tn-teach-\(UUID())").path)
        form = try Fixtures.defaultForm()
        _ = try database.registerForms([form])
        _ = try database.upsertSchools([School(code: "TH-A", name: "Trường Tiểu học A", ward: "P1", district: "Q", level: .primary)])
    }

    func entry(_ text: String) async throws -> String {
        let answers: [String: JSONValue] = [
            "school": .string("TH-A"), "kind": .string("recommendation"), "text": .string(text), "theme": .string("injury_accident"),
        ]
        let id = UUID().uuidString.lowercased()
        _ = try await SubmissionWriter(database: database).store(
            NewSubmission(
                id: id, formID: form.id, formVersion: form.version, validated: try form.validate(answers: answers).get(),
                source: .api, receivedAt: Date()))
        try await AnalysisPass(database: database, forms: try database.storedFormVersions()).run()
        return id
    }

    @Test func aWordingStaffMergedInFindsTheMergedIssue() async throws {
        let bump = try await entry("Đề nghị làm gờ giảm tốc trước cổng trường")
        let slow = try await entry("Xe chạy ào ào trước cổng, tụi em qua đường sợ lắm, mong xe đi chậm lại")
        let bumpIssue = try #require(try await database.issueID(ofEntry: bump))
        let slowIssue = try #require(try await database.issueID(ofEntry: slow))
        // Little shared wording: the pass keeps them apart, and an officer sees they ask one thing.
        try #require(bumpIssue != slowIssue)
        try await IssueEditing(database: database).merge(into: bumpIssue, from: [slowIssue])
        let again = try await entry("Xe chạy ào ào trước cổng quá, mong xe đi chậm lại")
        #expect(try await database.issueID(ofEntry: again) == bumpIssue)
    }
}
