import Analysis
import Events
import Foundation
import Reports
import Storage
import Summary
import Testing
@testable import WebApp

/// Delegates' names go with the retention of children's words; what is counted stays.
@Suite("Delegates under retention")
struct DelegateRetentionTests {

    /// The retention run removes the names of an old forum's delegates and keeps a recent one's;
    /// what is counted (how many, ages, genders, circumstances) does not change.
    @Test func retentionRemovesOldDelegatesNamesAndKeepsTheCounts() async throws {
        let server = try TestServer()
        let store = server.environment.events
        let today = LocalCalendar.day(of: Date())
        let old = try await DelegateRegisterTests.forum(server, heldOn: "2026-01-10")
        let recent = try await DelegateRegisterTests.forum(server, unit: "TH-LE-LOI", heldOn: today)
        let oldList = [
            Delegate(givenName: "Lành", school: "TH-AN-BINH", age: 12, gender: "nu", specialCircumstances: true),
            Delegate(givenName: "Mịch", school: "TH-AN-BINH", age: 17, gender: "nam", specialCircumstances: false),
        ]
        let recentList = [Delegate(givenName: "Hoè", school: "TH-LE-LOI", age: 14, gender: "nu", specialCircumstances: false)]
        try await store.setDelegates(event: old, oldList, actor: "admin")
        try await store.setDelegates(event: recent, recentList, actor: "admin")
        func summary() async throws -> Summary {
            try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                     targets: server.environment.targets, unit: "Q").build()
        }
        let before = try await summary().events
        let quota = try DelegateQuota.load(formsDirectory: server.environment.formsDirectory)

        let removed = try await store.removeDelegateNames(olderThan: 90)
        #expect(removed == oldList.count)
        let after = try await store.delegates(event: old)
        for name in oldList.map(\.givenName) { #expect(!after.map(\.givenName).contains(name), "\(name)") }
        #expect(after.map(\.givenName) == (0..<oldList.count).map { EventStore.neutralName(position: $0) })
        #expect(after.map { [$0.school, "\($0.age)", $0.gender, "\($0.specialCircumstances)"] }
                == oldList.map { [$0.school, "\($0.age)", $0.gender, "\($0.specialCircumstances)"] })
        #expect(try await store.delegates(event: recent) == recentList)
        #expect(try await summary().events == before)
        #expect(quota.problems(after).count == quota.problems(oldList).count)
        // Audited with counts only; a second run has nothing left to remove.
        let audit = try await server.environment.database.auditEntries(action: "delegates.names_removed")
        #expect(audit.count == 1 && !audit.contains { entry in oldList.contains { entry.detail.contains($0.givenName) } })
        #expect(try await store.removeDelegateNames(olderThan: 90) == 0)
    }
}
