import Analysis
import Events
import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import Summary
import Testing
@testable import WebApp

/// The forums themselves: recorded through the API and the page, checked field by field, counted in
/// the summary per unit and kind, and never carrying a leader's name upward.
@Suite("Events: forums, dialogues, meetings")
struct EventsTests {
    static let forum = """
        {"kind": "school_forum", "unit": "TH-AN-BINH", "heldOn": "2026-11-20", "place": "Hội trường trường An Bình",
         "attendance": {"girls": 41, "boys": 39, "otherGender": 0, "under12": 80, "from12to16": 0, "over16": 0, "specialCircumstances": 3},
         "leaders": [{"name": "Nguyễn Văn Minh", "office": "UBND phường An Bình"}], "outcome": "Các em nêu 12 câu hỏi."}
        """

    func post(_ client: any TestClientProtocol, _ body: String, token: String) async throws -> (HTTPResponse.Status, JSONValue?) {
        try await client.execute(uri: "/api/v1/events", method: .post,
                                 headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                 body: ByteBuffer(string: body)) { ($0.status, try? JSONParser.parse(Data($0.body.readableBytesView))) }
    }

    @Test func aCoordinatorRecordsTheirSchoolsForumAndTheSummaryCountsIt() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let viewer = try server.staffToken("xem", role: .viewer)
        try await server.test { client in
            let created = try await post(client, Self.forum, token: coordinator)
            #expect(created.0 == .created)
            #expect(created.1?.objectValue?["attendance"]?.objectValue?["girls"] == .int(41))
            // Another school's is refused to this coordinator; a viewer may only read.
            #expect(try await post(client, Self.forum.replacingOccurrences(of: "TH-AN-BINH", with: "TH-LE-LOI"), token: coordinator).0 == .forbidden)
            #expect(try await post(client, Self.forum, token: viewer).0 == .forbidden)
            // Every problem at once, each with its field.
            let bad = try await post(client, """
                {"kind": "picnic", "unit": "TH-AN-BINH", "heldOn": "2099-01-01",
                 "attendance": {"girls": 2, "boys": 1, "under12": 1, "specialCircumstances": 5},
                 "issues": ["khong-co-van-de-nay"], "leaders": [{"name": "", "office": "UBND"}]}
                """, token: coordinator)
            #expect(bad.0 == .unprocessableContent)
            let fields = Set(bad.1?.objectValue?["errors"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue } ?? [])
            #expect(fields.isSuperset(of: ["kind", "heldOn", "under12", "specialCircumstances", "issues[0]", "leaders[0]"]), "\(fields)")
            let listed = try await client.execute(uri: "/api/v1/events", method: .get, headers: [.authorization: "Bearer \(viewer)"]) {
                try JSONParser.parse(Data($0.body.readableBytesView))
            }
            #expect(listed.objectValue?["events"]?.arrayValue?.count == 1)
        }
        let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                               targets: server.environment.targets, unit: "Q").build()
        let events = try #require(summary.events)
        #expect(events.total == Summary.EventCount(held: 1, children: 80, specialCircumstances: 3, delegates: 0, photos: 0, documents: 0))
        #expect(events.unit["TH-AN-BINH"]?.held == 1 && events.kind["school_forum"]?.children == 80)
        // Counts go upward; the leader's name and the outcome do not.
        let wire = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!wire.contains("Nguyễn Văn Minh") && !wire.contains("12 câu hỏi") && !wire.contains("Hội trường"))
        // The children taking part count those present at the forum.
        let children = summary.targets?.first { $0.metric == "children" }
        #expect(children?.current == 80)
        // The district's dashboard counts the event for that school.
        try await server.test { client in
            let page = try await StaffPagesTests().get(client, "/dashboard", as: viewer).1
            #expect(page.contains("data-total=\"events\" data-value=\"1\""))
            let row = try #require(page.components(separatedBy: "data-school=\"TH-AN-BINH\"").dropFirst().first)
            #expect(row.prefix(800).contains("data-events=\"1\">1 (80 trẻ em)"))
        }
    }

    @Test func theEventsPageRefusesBesideTheFieldAndKeepsTheInput() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let pages = StaffPagesTests()
        try await server.test { client in
            let refused = try await pages.post(client, "/staff/events", as: coordinator,
                                               ["kind": "school_forum", "heldOn": "2026-11-20", "girls": "mười", "boys": "9",
                                                "place": "Sân trường"])
            #expect(refused.0 == .unprocessableContent && refused.1.contains("id=\"e-girls\"") && refused.1.contains("value=\"Sân trường\""))
            let saved = try await pages.post(client, "/staff/events", as: coordinator,
                                             ["kind": "school_forum", "heldOn": "2026-11-20", "girls": "10", "boys": "9",
                                              "leaders": "Trần Thị Lan | Phòng GD&ĐT quận"])
            #expect(saved.0 == .created && saved.1.contains("19 trẻ em"))
            let id = try #require(try await server.environment.events.list().first?.id)
            let shown = try await pages.get(client, "/staff/events/\(id)", as: coordinator)
            #expect(shown.0 == .ok && shown.1.contains("Trần Thị Lan — Phòng GD&amp;ĐT quận"))
            #expect(try await server.environment.database.auditEntries(action: "event.add").count == 1)
        }
    }

    /// A dialogue's run sheet printed per leader holds exactly the questions shortlisted for that
    /// leader's office, in order; the answer noted on the day becomes a draft to review.
    @Test func aRunSheetPerLeaderHoldsExactlyThatOfficesQuestions() async throws {
        let server = try TestServer()
        let texts = ["Cháu mong có lớp dạy bơi miễn phí vào hè.", "Bao giờ cổng trường có đèn cho người đi bộ ạ?",
                     "Em muốn thư viện phường mở cửa cả ngày chủ nhật."]
        try await server.test { client in
            for text in texts { _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: text)) }
        }
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
        var found: [String] = []
        for text in texts { found.append(try await server.issue(ofText: text)) }
        let ids = found
        #expect(Set(ids).count == 3)
        let responder = try server.staffToken("phong-gd", role: .responder, office: "Phòng GD&ĐT quận")
        let admin = try server.staffToken("admin", role: .admin)
        let pages = StaffPagesTests()
        try await server.test { client in
            let created = try await post(client, """
                {"kind": "dialogue", "unit": "TH-AN-BINH", "heldOn": "2026-11-20", "place": "UBND phường",
                 "attendance": {"girls": 100, "boys": 100}}
                """, token: admin)
            let event = try #require(created.1?.objectValue?["id"]?.stringValue)
            let path = "/staff/events/\(event)/run-sheet"
            let wrong = try await pages.post(client, path, as: responder, ["action": "shortlist", "lines": "khong-co | UBND phường"])
            #expect(wrong.0 == .unprocessableContent && wrong.1.contains("id=\"e-lines\"") && wrong.1.contains("khong-co"))
            let lines = "\(ids[1]) | Phòng GD&ĐT quận\n\(ids[0]) | UBND phường\n\(ids[2]) | UBND phường"
            #expect(try await pages.post(client, path, as: responder, ["action": "shortlist", "lines": lines]).0 == .ok)
            func issues(_ page: String) -> [String] {
                page.matches(of: /data-issue="([^"]+)"/).map { String($0.1) }
            }
            let ward = try await pages.get(client, path + "?office=UBND%20ph%C6%B0%E1%BB%9Dng", as: responder)
            #expect(issues(ward.1) == [ids[0], ids[2]], "the ward's sheet, in order")
            let school = try await pages.get(client, path + "?office=Ph%C3%B2ng%20GD%26%C4%90T%20qu%E1%BA%ADn", as: responder)
            #expect(issues(school.1) == [ids[1]])
            #expect(!school.1.contains(texts[0]) && school.1.contains(texts[1]))
            let noted = try await pages.post(client, path, as: admin,
                                             ["action": "answer", "issue": ids[0], "office": "UBND phường",
                                              "text": "Phường sẽ mở lớp bơi ở bể trường THCS từ tháng 6."])
            #expect(noted.0 == .ok)
            let history = try await server.environment.answers.history(of: .issue(ids[0]))
            #expect(history.last?.isDraft == true && history.last?.text == "Phường sẽ mở lớp bơi ở bể trường THCS từ tháng 6.")
            #expect(history.last?.office == "UBND phường")
            // A coordinator has no run sheet; a viewer reads it without the forms.
            let coordinator = try server.staffToken("co", role: .coordinator, school: "TH-AN-BINH")
            #expect(try await pages.get(client, path, as: coordinator).0 == .forbidden)
        }
    }

    /// Each quota rule broken gets its own message; a valid list passes; the register's names never
    /// reach the summary, only how many delegates there are.
    @Test func delegateQuotasAreCheckedAndNamesStayHere() async throws {
        let quota = DelegateQuota(count: 4, minAge: 12, maxAge: 16, genderTolerance: 0, minSpecialCircumstances: 1)
        let valid = [
            Delegate(givenName: "Lành", school: "TH-AN-BINH", age: 12, gender: "nu", specialCircumstances: true),
            Delegate(givenName: "Mịch", school: "TH-AN-BINH", age: 13, gender: "nam", specialCircumstances: false),
            Delegate(givenName: "Hoè", school: "TH-LE-LOI", age: 15, gender: "nu", specialCircumstances: false),
            Delegate(givenName: "Tuấn Kiệt", school: "TH-LE-LOI", age: 16, gender: "nam", specialCircumstances: false),
        ]
        #expect(quota.problems(valid).isEmpty)
        let broken = [
            Delegate(givenName: "Lan", school: "TH-AN-BINH", age: 11, gender: "nu", specialCircumstances: false),
            Delegate(givenName: "Mai", school: "TH-AN-BINH", age: 13, gender: "nu", specialCircumstances: false),
            Delegate(givenName: "Hoa", school: "TH-LE-LOI", age: 15, gender: "nu", specialCircumstances: false),
        ]
        let messages = quota.problems(broken).map(\.vi)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("Cần đúng 4 đại biểu, danh sách có 3") })
        #expect(messages.contains { $0.contains("ngoài độ tuổi 12–16") && $0.contains("Lan (11 tuổi)") })
        #expect(messages.contains { $0.contains("Chưa cân bằng giới: 3 nữ, 0 nam") })
        #expect(messages.contains { $0.contains("ít nhất 1 đại biểu có hoàn cảnh đặc biệt") })

        let server = try TestServer()
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            let created = try await post(client, """
                {"kind": "district_forum", "unit": "TH-AN-BINH", "heldOn": "2026-11-20", "attendance": {"girls": 2, "boys": 2}}
                """, token: admin)
            let event = try #require(created.1?.objectValue?["id"]?.stringValue)
            try await server.environment.events.setDelegates(event: event, valid, actor: "admin")
            #expect(try await server.environment.events.delegates(event: event) == valid)
        }
        let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                               targets: server.environment.targets, unit: "Q").build()
        #expect(summary.events?.total.delegates == 4)
        let wire = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        for name in ["Lành", "Mịch", "Hoè", "Tuấn Kiệt"] { #expect(!wire.contains(name), "\(name)") }
    }

    /// The unit's own event (a district forum, recorded under LOCAL) goes up under the unit's code,
    /// which the level above accepts as the sender itself.
    @Test func theUnitsOwnEventGoesUpUnderItsCode() async throws {
        let server = try TestServer()
        let admin = try server.staffToken("admin", role: .admin)
        try await server.test { client in
            let created = try await post(client, """
                {"kind": "district_forum", "unit": "LOCAL", "heldOn": "2026-11-20", "attendance": {"girls": 60, "boys": 40}}
                """, token: admin)
            #expect(created.0 == .created)
        }
        let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                               targets: server.environment.targets, unit: "Q-HOA-SEN").build()
        #expect(summary.events?.unit["Q-HOA-SEN"]?.children == 100 && summary.events?.unit["LOCAL"] == nil)
    }
}
