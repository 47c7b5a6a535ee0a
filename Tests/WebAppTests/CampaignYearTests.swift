import Analysis
import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import Summary
import Testing
@testable import WebApp

/// The campaign year: the calendar in the campaign file, entries by the day they were written,
/// numbers by period, and who met each deadline.
@Suite("Calendar, periods and deadlines")
struct CampaignYearTests {
    static let calendarYAML = """
        start: 2026-01-01
        calendar:
          school_year: {start: 2025-09-01, end: 2026-08-31}
          periods:
            - {id: thang-5, label: Tháng 5, from: 2026-05-01, to: 2026-05-31}
            - {id: thang-6, label: Tháng 6, from: 2026-06-01, to: 2026-06-30}
          deadlines:
            - id: y-kien-truong
              label: Mỗi trường có ý kiến của trẻ em
              level: school
              what: opinions
              count: 1
              from: 2026-05-01
              due: 2026-05-25
        targets: []
        """

    /// A forms folder with the repository's form and this calendar, and a server on it with three
    /// schools only.
    static func server() throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tn-year-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestServer.repositoryRoot.appendingPathComponent("forms/dien-dan-tre-em.yaml"),
            to: folder.appendingPathComponent("dien-dan-tre-em.yaml"))
        try calendarYAML.write(to: folder.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        let schools = folder.appendingPathComponent("truong.csv")
        try """
            code,name,ward,district,level
            TH-AN-BINH,Trường Tiểu học An Bình,Phường An Bình,Quận thử,primary
            TH-LE-LOI,Trường Tiểu học Lê Lợi,Phường Lê Lợi,Quận thử,primary
            THCS-HOA-SEN,Trường THCS Hoa Sen,Phường Hoa Sen,Quận thử,lower_secondary
            """.write(to: schools, atomically: true, encoding: .utf8)
        return try TestServer(formsDirectory: folder.path, schools: schools.path)
    }

    func importRows(_ server: TestServer, _ csv: String) async throws -> PaperImport.Report {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tn-year-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let form = try #require(server.environment.forms.latest(id: "dien-dan-tre-em"))
        return try await PaperImport(intake: server.environment.intake, form: form, school: nil).run(path: path)
    }

    static let rows = """
        school;Em muốn gửi điều gì?;Điều em muốn nói;Em học lớp mấy?;Giới tính;Ngày viết
        TH-AN-BINH;recommendation;Em mong trường có thêm ghế đá dưới gốc bàng.;4;nu;10/05/2026
        TH-LE-LOI;question;Bao giờ sân trường được lát lại ạ?;5;nam;2026-05-12
        TH-LE-LOI;recommendation;Em muốn có thêm giờ đọc sách ở thư viện.;3;nu;2026-06-03
        THCS-HOA-SEN;recommendation;Chúng em cần thêm sân bóng rổ cho học sinh.;7;nam;02/06/2026
        """

    @Test func theCalendarIsCheckedWithFileAndLine() throws {
        let broken = """
            calendar:
              deadlines:
                - id: bao-cao
                  level: truong
                  what: report
                  due: 2027-05-25
            """
        #expect(throws: FormProblems.self) { try CampaignTargets.parse(yaml: broken, file: "targets.yaml") }
        do {
            _ = try CampaignTargets.parse(yaml: broken, file: "targets.yaml")
        } catch let error as FormProblems {
            #expect(error.problems.first?.line == 4 && error.problems.first?.messageVI.contains("level") == true)
        }
        let missingCount = "calendar:\n  deadlines:\n    - {id: anh, level: school, what: photos, due: 2027-05-25}\n"
        #expect(throws: FormProblems.self) { try CampaignTargets.parse(yaml: missingCount, file: "targets.yaml") }
        let campaign = try CampaignTargets.parse(yaml: Self.calendarYAML, file: "targets.yaml")
        #expect(campaign.calendar.periods.map(\.id) == ["thang-5", "thang-6"])
        #expect(campaign.calendar.deadlines.first?.from == "2026-05-01")
    }

    /// Entries belong to the day they were written; a period counts only its days, and over every
    /// day the entries themselves give exactly what the monthly cube gives.
    @Test func aPeriodCountsTheEntriesWrittenInIt() async throws {
        let server = try Self.server()
        let report = try await importRows(server, Self.rows)
        #expect(report.created == 4 && report.rejected == 0)
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
        let environment = server.environment
        func summary(_ period: ReportPeriod?) async throws -> Summary {
            var builder = SummaryBuilder(database: environment.database, forms: environment.forms, targets: environment.targets, unit: "Q")
            builder.period = period
            return try await builder.build()
        }
        let may = try await summary(ReportPeriod(from: "2026-05-01", to: "2026-05-31"))
        #expect(may.totals.entries == 2)
        #expect(may.tallies["month"]?.keys.sorted() == ["2026-05"])
        #expect(may.period?.from == "2026-05-01")
        let june = try await summary(ReportPeriod(from: "2026-06-01", to: "2026-06-30"))
        #expect(june.totals.entries == 2 && june.tallies["school"]?["THCS-HOA-SEN"]?.entries == 1)
        // Every day: the entries and the cube agree, dimension by dimension.
        let everything = try await summary(ReportPeriod(from: "2000-01-01", to: "2100-12-31"))
        let cube = try await summary(nil)
        #expect(everything.tallies == cube.tallies && everything.totals == cube.totals)
        #expect(Set(everything.issues.map(\.id)) == Set(cube.issues.map(\.id)))
        // A day in the future is refused for the row, beside its column.
        let future = try await importRows(server, "school;Em muốn gửi điều gì?;Điều em muốn nói;Ngày viết\nTH-AN-BINH;opinion;Em thích trường em.;2099-01-01\n")
        #expect(future.created == 0 && future.rejected == 1)
    }

    /// One school of three reports after the deadline: the dashboard and the yearly report list it
    /// as late, with the day it finally did; the summary API takes the period by name.
    @Test func aSchoolThatMissedTheDeadlineIsListedAsLate() async throws {
        let server = try Self.server()
        _ = try await importRows(server, Self.rows)
        let admin = try server.staffToken("admin", role: .admin)
        let rows = try await DeadlineTracker(database: server.environment.database, calendar: server.environment.targets.calendar).rows()
        let states = Dictionary(uniqueKeysWithValues: try #require(rows.first).units.map { ($0.unit, $0.state) })
        #expect(states["TH-AN-BINH"] == .onTime(day: "2026-05-10"))
        #expect(states["TH-LE-LOI"] == .onTime(day: "2026-05-12"))
        #expect(states["THCS-HOA-SEN"] == .late(day: "2026-06-02", days: 8))
        try await server.test { client in
            let page = try await client.execute(uri: "/dashboard", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                String(buffer: $0.body)
            }
            #expect(page.contains("data-unit=\"THCS-HOA-SEN\" data-state=\"late\""))
            #expect(page.contains("Chậm 8 ngày (đến 02/06/2026)"))
            #expect(!page.contains("data-unit=\"TH-AN-BINH\" data-state="))
            let june = try await client.execute(uri: "/api/v1/summary?period=thang-6", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                ($0.status, try JSONParser.parse(Data($0.body.readableBytesView)))
            }
            #expect(june.0 == .ok && june.1.objectValue?["totals"]?.objectValue?["entries"] == .int(2))
            #expect(june.1.objectValue?["period"]?.objectValue?["label"] == .string("Tháng 6"))
            let wrong = try await client.execute(uri: "/api/v1/summary?from=02-06-2026", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                $0.status
            }
            #expect(wrong == .unprocessableContent)
            let picked = try await client.execute(uri: "/dashboard?from=2026-13-01", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(picked.0 == .unprocessableContent, "\(picked.0)")
            #expect(picked.1.contains("id=\"e-from\"") && picked.1.contains("value=\"2026-13-01\""), "\(picked.1.components(separatedBy: "period-picker").dropFirst().first?.prefix(900) ?? "")")
        }
        let yearly = try await OfficialReports(database: server.environment.database, forms: server.environment.forms,
                                               targets: server.environment.targets)
            .document(.yearly, period: ReportPeriod(), unitName: "Quận thử")
        let late = try #require(yearly.sections.first { $0.heading.hasPrefix("Mỗi trường có ý kiến của trẻ em") }?.table)
        #expect(late.rows.map { $0.map(\.text) } == [["Trường THCS Hoa Sen", "THCS-HOA-SEN", "Chậm 8 ngày (đến 02/06/2026)"]])
    }

    /// Found on the dashboard: one consultation in 90 days against 50,000 projected to the year
    /// 14347, and that date, compared as text, sorted before the deadline — «on track».
    @Test func aTrickleIsBehindAndGetsNoProjectedDate() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.postJSON("/api/v1/submissions", Sample.envelope(text: "Em mong có thêm cây xanh trong sân trường."))
        }
        try await AnalysisPass(database: server.environment.database, forms: server.environment.forms).run()
        let targets = try CampaignTargets.parse(yaml: """
            start: 2026-01-01
            targets:
              - {id: nhieu, label: Lượt, metric: consultations, goal: 50000, deadline: 2027-08-31}
            """, file: "targets.yaml")
        let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                               targets: targets, unit: "Q").build()
        let target = try #require(summary.targets?.first)
        #expect(target.current == 1 && target.onTrack == false && target.projectedDate == nil)
        #expect(target.note?.contains("chưa thể dự kiến") == true)
    }
}
