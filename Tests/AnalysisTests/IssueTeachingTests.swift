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
        (database, form) = try Fixtures.databaseWithDefaultForm(named: "tn-teach")
    }

    func entry(_ text: String, theme: String = "injury_accident") async throws -> String {
        let id = try await Fixtures.store(text, theme: theme, in: database, form: form)
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

    /// Merging an issue into one of another theme (its suggestion said so): its entries are then
    /// counted under the target's theme, as staff corrections the classifier learns from.
    @Test func aMergeAcrossThemesMovesTheEntriesToTheTargetsTheme() async throws {
        let lessons = try await entry("Cháu mong có lớp dạy bơi miễn phí mùa hè")
        let asked = try await entry("Nhóm em đề xuất mở lớp học bơi không mất tiền cho học sinh", theme: "other")
        let target = try #require(try await database.issueID(ofEntry: lessons))
        let source = try #require(try await database.issueID(ofEntry: asked))
        func counted(_ theme: String) async throws -> Int {
            try await database.schoolEntries(school: "TH-A", theme: theme).total
        }
        #expect(try await [counted("other"), counted("injury_accident")] == [1, 1])

        try await IssueEditing(database: database).merge(into: target, from: [source])
        #expect(try await database.issueID(ofEntry: asked) == target)
        #expect(try await database.entries(ofIssue: target).count == 2)
        #expect(try await [counted("other"), counted("injury_accident")] == [0, 2], "counted under the target's theme")
        let corrections = try await database.read { db in try AnalysisStore.corrections(db, formID: form.id) }
        #expect(corrections.contains { $0.theme == "injury_accident" && $0.text.contains("không mất tiền") },
                "the classifier learns the theme from the merge")
    }
}
