import Events
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
@testable import WebApp

/// A forum's delegate register typed on its page in the CLI's columns: a bad line refused beside
/// the box with nothing stored, a list breaking the quota stored with each broken rule shown, a
/// valid list shown as meeting it.
@Suite("Delegate register")
struct DelegateRegisterTests {
    static func forum(_ server: TestServer, unit: String = "TH-AN-BINH", heldOn: String) async throws -> String {
        try await server.environment.events.add(
            EventDraft(kind: "district_forum", unit: unit, heldOn: heldOn, attendance: .init(girls: 20, boys: 20)),
            kinds: server.environment.eventKinds, actor: "admin"
        ).id
    }

    /// A list that meets the campaign file's quota: its count, its ages, balanced, one in special circumstances.
    static func validLines(_ quota: DelegateQuota) -> [String] {
        let count = quota.count ?? 10
        return (0..<count).map { index in
            let age = quota.minAge + index % (quota.maxAge - quota.minAge + 1)
            return "Bạn \(index + 1),TH-AN-BINH,\(age),\(index % 2 == 0 ? "nu" : "nam"),\(index == 0 ? "x" : "")"
        }
    }

    @Test func theRegisterPageRefusesABadLineStoresAListAndChecksTheQuota() async throws {
        let server = try TestServer()
        let quota = try DelegateQuota.load(formsDirectory: server.environment.formsDirectory)
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let viewer = try server.staffToken("xem", role: .viewer)
        let responder = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let other = try server.staffToken("co-le-loi", role: .coordinator, school: "TH-LE-LOI")
        let event = try await Self.forum(server, heldOn: "2026-11-20")
        let path = "/staff/events/\(event)/delegates"
        let pages = StaffPagesTests()
        let store = server.environment.events
        try await server.test { client in
            // The event's page leads here.
            #expect(try await pages.get(client, "/staff/events/\(event)", as: coordinator).1.contains("href=\"\(path)\""))
            // A bad second line: refused beside the box with its number, what was typed kept, nothing stored.
            let bad = "Lan,TH-AN-BINH,13,nu,x\nMinh,TH-AN-BINH,mười ba,trai,"
            let refused = try await pages.post(client, path, as: coordinator, ["lines": bad])
            #expect(refused.0 == .unprocessableContent)
            let beside = try #require(refused.1.components(separatedBy: "id=\"e-lines\"").dropFirst().first?.components(separatedBy: "</ul>").first)
            #expect(beside.contains("Dòng 2") && beside.contains("tuổi") && beside.contains("giới tính") && !beside.contains("Dòng 1"))
            #expect(refused.1.contains("Minh,TH-AN-BINH,mười ba,trai,</textarea>"), "the lines typed are kept")
            #expect(try await store.delegates(event: event).isEmpty)

            // Three delegates where the quota wants more: stored, as the CLI does, with every rule it breaks.
            let short = ["ten,truong,tuoi,gioi_tinh,hoan_canh_dac_biet", "Lan,TH-AN-BINH,11,nu,", "Mai,TH-AN-BINH,13,nu,", "Hoa,TH-LE-LOI,15,nu,"]
            let partial = try await pages.post(client, path, as: coordinator, ["lines": short.joined(separator: "\n")])
            #expect(partial.0 == .ok && partial.1.contains("Đã lưu 3 đại biểu"))
            #expect(try await store.delegates(event: event).map(\.givenName) == ["Lan", "Mai", "Hoa"])
            let expected = quota.problems(try await store.delegates(event: event)).map(\.vi)
            #expect(!expected.isEmpty)
            let broken = try #require(partial.1.components(separatedBy: "data-quota=\"broken\"").dropFirst().first?.components(separatedBy: "</ul>").first)
            for message in expected {
                #expect(broken.contains("<li class=\"field-error\">\(message)"), "\(message)")
            }
            #expect(broken.components(separatedBy: "<li").count - 1 == expected.count, "each broken rule on its own")
            #expect(!partial.1.contains("data-quota=\"met\""))

            // A list that meets the quota, without a header line this time.
            let valid = Self.validLines(quota)
            let saved = try await pages.post(client, path, as: coordinator, ["lines": valid.joined(separator: "\n")])
            #expect(saved.0 == .ok && saved.1.contains("Đã lưu \(valid.count) đại biểu"))
            #expect(try await store.delegates(event: event).count == valid.count)
            #expect(saved.1.contains("data-quota=\"met\"") && !saved.1.contains("data-quota=\"broken\""))
            #expect(saved.1.contains("<td>Bạn 1</td>") && saved.1.contains("<td>Bạn \(valid.count)</td>"))

            // District staff read it; only those who record events change it; another school's coordinator does not find it.
            let read = try await pages.get(client, path, as: viewer)
            #expect(read.0 == .ok && read.1.contains("<td>Bạn 1</td>") && !read.1.contains("name=\"lines\""))
            #expect(try await pages.post(client, path, as: viewer, ["lines": valid.joined(separator: "\n")]).0 == .forbidden)
            #expect(try await pages.post(client, path, as: responder, ["lines": short.joined(separator: "\n")]).0 == .forbidden)
            #expect(try await pages.get(client, path, as: other).0 == .notFound)
            #expect(try await pages.post(client, path, as: other, ["lines": short.joined(separator: "\n")]).0 == .notFound)
            #expect(try await store.delegates(event: event).count == valid.count)
        }
        #expect(try await server.environment.database.auditEntries(action: "event.delegates").count == 2)
    }
}
