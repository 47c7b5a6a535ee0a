import Analysis
import Answers
import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import Summary
import Testing

@testable import WebApp

@Suite("The staff dashboard at /dashboard")
struct DashboardRouteTests {
    /// The Authorization header of a new staff account.
    func staff(_ server: TestServer, _ username: String, role: StaffRole, school: String? = nil) throws -> HTTPFields {
        [.authorization: "Bearer \(try server.staffToken(username, role: role, school: school))"]
    }

    @Test func countsAreTheSummarysAndChildTextIsEscaped() async throws {
        let server = try TestServer()
        let viewer = try staff(server, "quan-doan", role: .viewer)
        try await server.test { client in
            let group = Sample.envelope(
                text: "<b>Bọn em</b> mong có hàng rào quanh ao cạnh trường",
                extra: #", "participants": 4"#)
            for body in [Sample.envelope(), Sample.envelope(school: "THCS-PHU-MY"), group] {
                #expect(try await client.postJSON("/api/v1/submissions", body).status == .created)
            }
            let page = try await client.getPage("/dashboard", headers: viewer)
            #expect(page.status == .ok)
            #expect(page.contentType.hasPrefix("text/html"))
            // The entries just sent are counted without waiting for the background pass.
            let summary = try await SummaryBuilder(
                database: server.environment.database, forms: server.environment.forms,
                targets: server.environment.targets, unit: "LOCAL"
            ).build()
            #expect(summary.totals.entries == 3 && summary.totals.consultations == 6)
            #expect(page.total("entries") == summary.totals.entries)
            #expect(page.total("consultations") == summary.totals.consultations)
            #expect(page.total("activeSchools") == summary.totals.activeSchools)
            for (code, count) in summary.tallies["theme"] ?? [:] {
                #expect(page.html.contains(#"data-key="\#(code)" data-entries="\#(count.entries)" data-consultations="\#(count.consultations)""#))
            }
            // Every registered school has a row; those without an entry are marked.
            #expect(page.html.contains(#"<tr data-school="THCS-PHU-MY" data-entries="1" data-consultations="1">"#))
            #expect(page.html.contains(#"<tr data-school="TH-CAU-TRE" data-entries="0" data-consultations="0" class="silent">"#))
            #expect(page.html.contains("Chưa có ý kiến"))
            #expect(page.html.contains("Lượt trẻ em được lấy ý kiến"))
            #expect(page.html.contains("Chưa trả lời"))
            #expect(page.html.contains("&lt;b&gt;Bọn em&lt;/b&gt;"))
            #expect(!page.html.contains("<b>Bọn em"))
            #expect(page.html.contains("<svg"))
            #expect(page.html.contains("quan-doan"))
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("http://") && !page.html.contains("https://"))
        }
    }

    @Test func issuesShowTheirAnswerAndOverdueWorkIsListedPerOffice() async throws {
        let server = try TestServer()
        let viewer = try staff(server, "quan-doan", role: .viewer)
        let swim = "Cháu mong có lớp dạy bơi miễn phí vào hè."
        let fence = "Em mong có hàng rào quanh cái ao cạnh trường."
        try await server.test { client in
            for text in [swim, fence] {
                #expect(try await client.postJSON("/api/v1/submissions", Sample.envelope(text: text)).status == .created)
            }
            try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
            func issue(_ text: String) async throws -> String {
                try await server.issue(ofText: text)
            }
            let store = AnswerStore(database: server.environment.database)
            _ = try await store.set(
                AnswerRequest(
                    target: .issue(try await issue(swim)), status: "implemented",
                    text: "Hè này phường mở lớp bơi", office: "Phòng GD&ĐT quận",
                    reason: nil, solution: nil, dueDate: nil, draft: false))
            _ = try await store.set(
                AnswerRequest(
                    target: .issue(try await issue(fence)), status: "unanswered",
                    text: nil, office: "UBND phường", reason: nil, solution: nil,
                    dueDate: "2020-01-31", draft: false))
            let page = try await client.getPage("/dashboard", headers: viewer)
            #expect(page.html.contains(#"<span class="badge on-track">Đã được đáp ứng, thực hiện</span>"#))
            #expect(page.html.contains(#"<span class="badge behind">Quá hạn trả lời</span>"#))
            #expect(page.html.contains(#"UBND phường: <span class="overdue-count">1</span> quá hạn"#))
            #expect(!page.html.contains("Phòng GD&amp;ĐT quận: <span"))
        }
    }

    @Test func staffWhoSeeEverySchoolOnly() async throws {
        let server = try TestServer()
        let admin = try staff(server, "admin", role: .admin)
        let coordinator = try staff(server, "co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        try await server.test { client in
            // A browser without a login is sent to the login page, and back here after it.
            let anonymous = try await client.getPage("/dashboard")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=/dashboard")
            #expect(!anonymous.html.contains("data-total"))

            #expect(try await client.getPage("/dashboard", headers: admin).status == .ok)

            // A school's coordinator may not see the other schools' numbers.
            let refused = try await client.getPage("/dashboard", headers: coordinator)
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("Bảng theo dõi dành cho cán bộ quận"))
            #expect(refused.html.contains("TH-AN-BINH"))
            #expect(!refused.html.contains("data-total"))
        }
    }
}

extension Page {
    /// A dashboard tile's number, as written in its `data-value`.
    func total(_ key: String) -> Int? {
        guard let match = html.firstMatch(of: try! Regex(#"data-total="\#(key)" data-value="(\d+)""#)) else { return nil }
        return match.output[1].substring.flatMap { Int($0) }
    }
}
