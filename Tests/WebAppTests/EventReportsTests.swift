import Analysis
import Events
import Foundation
import Reports
import Storage
import Testing
@testable import WebApp

/// The official reports count the forums of their period: the yearly report per kind (with girls,
/// boys, children in special circumstances and delegates) and per unit, the followup and
/// recommendations reports per kind and, beside each issue, the events it was taken to. An event
/// outside the period is not counted, and no delegate is ever named.
@Suite("Events in the official reports")
struct EventReportsTests {
    static let may = ReportPeriod(from: "2026-05-01", to: "2026-05-31")
    static let court = "Bao giờ sân trường được lát lại ạ?"

    struct Held {
        var draft: EventDraft
        var delegates: [Delegate] = []
    }

    /// Two events in May (a school forum with two delegates, a dialogue the court question was
    /// taken to) and one in June.
    static func events(court issue: String) -> [Held] {
        [
            Held(draft: EventDraft(kind: "school_forum", unit: "TH-AN-BINH", heldOn: "2026-05-15",
                                   attendance: .init(girls: 30, boys: 25, specialCircumstances: 1)),
                 delegates: [Delegate(givenName: "Lành", school: "TH-AN-BINH", age: 12, gender: "nu", specialCircumstances: true),
                             Delegate(givenName: "Mịch", school: "TH-AN-BINH", age: 13, gender: "nam", specialCircumstances: false)]),
            Held(draft: EventDraft(kind: "dialogue", unit: "TH-LE-LOI", heldOn: "2026-05-20",
                                   attendance: .init(girls: 10, boys: 12, specialCircumstances: 2),
                                   leaders: [.init(name: "Nguyễn Văn Minh", office: "UBND phường Lê Lợi")], issues: [issue])),
            Held(draft: EventDraft(kind: "school_forum", unit: "THCS-HOA-SEN", heldOn: "2026-06-10",
                                   attendance: .init(girls: 40, boys: 41, specialCircumstances: 4)),
                 delegates: [Delegate(givenName: "Hoè", school: "THCS-HOA-SEN", age: 14, gender: "nu", specialCircumstances: false)]),
        ]
    }

    /// Every word of a document, cell by cell.
    static func text(_ document: ReportDocument) -> String {
        var words: [String] = [document.title] + document.subtitle
        for section in document.sections {
            words.append(section.heading)
            words += section.paragraphs
            guard let table = section.table else { continue }
            words += table.columns
            for row in table.rows + [table.total ?? []] { words += row.map(\.text) }
        }
        return words.joined(separator: "\n")
    }

    static func section(_ document: ReportDocument, _ heading: String) throws -> ReportDocument.Section {
        try #require(document.sections.first { $0.heading.contains(heading) }, "\(heading) in \(document.sections.map(\.heading))")
    }

    @Test func theReportsCountThePeriodsEventsAndSayWhereAnIssueWasTaken() async throws {
        let server = try CampaignYearTests.server()
        _ = try await CampaignYearTests().importRows(server, CampaignYearTests.rows)
        let environment = server.environment
        try await AnalysisPass(database: environment.database, forms: environment.forms).run()
        let issue = try await server.issue(ofText: Self.court)
        let all = Self.events(court: issue)
        for held in all {
            let event = try await environment.events.add(held.draft, kinds: environment.eventKinds, actor: "admin")
            if !held.delegates.isEmpty { try await environment.events.setDelegates(event: event.id, held.delegates, actor: "admin") }
            // Two photos of May's school forum, one of June's: the yearly table counts May's two.
            for index in 0..<(held.draft.heldOn == "2026-05-15" ? 2 : held.draft.heldOn == "2026-06-10" ? 1 : 0) {
                _ = try await environment.events.attach(event: event.id, data: EvidenceTests.phoneJPEG(scan: Array("\(event.id)-\(index)".utf8)), consent: false,
                                                        actor: "admin")
            }
        }
        let inMay = all.filter { Self.may.contains(day: $0.draft.heldOn) }
        #expect(inMay.count == 2 && all.count == 3)
        func sum(_ held: [Held], _ value: (Held) -> Int) -> String { String(held.reduce(0) { $0 + value($1) }) }

        var reports = OfficialReports(database: environment.database, forms: environment.forms, targets: environment.targets)
        reports.eventKinds = environment.eventKinds
        let yearly = try await reports.document(.yearly, period: Self.may, unitName: "Quận thử")
        let held = try Self.section(yearly, "Hoạt động, diễn đàn đã tổ chức")
        let table = try #require(held.table)
        #expect(table.columns == ["Loại hoạt động", "Số hoạt động", "Trẻ em tham dự", "Nữ", "Nam", "Trẻ có hoàn cảnh đặc biệt", "Đại biểu",
                                  "Ảnh minh chứng"])
        #expect(table.total?.map(\.text) == [
            "Tổng cộng", String(inMay.count), sum(inMay) { $0.draft.attendance.children }, sum(inMay) { $0.draft.attendance.girls },
            sum(inMay) { $0.draft.attendance.boys }, sum(inMay) { $0.draft.attendance.specialCircumstances }, sum(inMay) { $0.delegates.count },
            "2",
        ])
        let dialogue = try #require(environment.eventKinds.kind("dialogue")?.label)
        #expect(table.rows.first { $0.first?.text == dialogue }?[1].text == "1")
        // Which school held what: the two of May, not June's.
        let units = try #require(try Self.section(yearly, "Các đơn vị đã tổ chức").table)
        #expect(units.rows.map { $0[0].text }.sorted() == ["Trường Tiểu học An Bình", "Trường Tiểu học Lê Lợi"])
        #expect(units.rows.first { $0[0].text == "Trường Tiểu học Lê Lợi" }?[1].text.contains("\(dialogue) (20/05/2026)") == true)

        let followup = try await reports.document(.followup, period: Self.may, unitName: "Quận thử")
        let recommendations = try await reports.document(.recommendations, period: Self.may, unitName: "Quận thử")
        for document in [followup, recommendations] {
            let counts = try #require(try Self.section(document, "Hoạt động, diễn đàn trong kỳ").table)
            #expect(counts.total?.map(\.text) == ["Tổng cộng", String(inMay.count), sum(inMay) { $0.draft.attendance.children }])
            // The court question's row says where it was taken.
            let row = try #require(document.sections.compactMap(\.table).lazy.compactMap { table -> String? in
                guard let at = table.columns.firstIndex(of: "Đã nêu tại"),
                      let row = table.rows.first(where: { $0.contains { $0.text.contains(Self.court) } }) else { return nil }
                return row[at].text
            }.first, "\(document.title)")
            #expect(row == "\(dialogue), 20/05/2026")
        }
        // Over the whole campaign June's forum counts too.
        let everything = try #require(try Self.section(try await reports.document(.yearly, period: ReportPeriod(), unitName: "Quận thử"),
                                                       "Hoạt động, diễn đàn đã tổ chức").table)
        #expect(everything.total?[1].text == String(all.count))
        // A delegate is a child: no report names one, in any format; the leader stays at the unit's own reports.
        for document in [yearly, followup, recommendations] {
            let html = String(decoding: try document.data(.html), as: UTF8.self)
            for name in all.flatMap(\.delegates).map(\.givenName) {
                #expect(!Self.text(document).contains(name) && !html.contains(name), "\(name) in \(document.title)")
            }
        }
    }
}
