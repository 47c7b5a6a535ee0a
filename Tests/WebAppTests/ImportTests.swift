import Foundation
import Storage
import Testing

@testable import WebApp

@Suite("Paper forms and the school registry")
struct ImportTests {
    func write(_ text: String, name: String = "giay.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tn-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func vietnameseLabelsSemicolonsAndBOM() async throws {
        let server = try TestServer()
        let form = try #require(server.environment.forms.latest(id: "dien-dan-tre-em"))
        let csv =
            "\u{FEFF}STT;Em muốn gửi điều gì?;Điều em muốn nói;Em học lớp mấy?;Giới tính\r\n"
            + "1;Kiến nghị, đề xuất;Cháu mong có lớp dạy bơi;5;Nữ\r\n"
            + "2;cau hoi;\"Vì sao cổng trường đông xe; bác có làm gờ giảm tốc không?\";7;nam\r\n"
            + "3;Ý kiến;Cháu mong có lớp dạy bơi;5;Nữ\r\n"
            + "4;kien nghi;;5;Nữ\r\n"
            + "5;sáng kiến;Lớp em sẽ nhặt rác;lớp năm;nu\r\n"
        let path = try write(csv)
        let importer = PaperImport(intake: server.environment.intake, form: form, school: "TH-AN-BINH")
        let first = try await importer.run(path: path)
        #expect(first.created == 3)
        #expect(first.rejected == 2)
        let rejects = try String(contentsOfFile: try #require(first.rejectsPath), encoding: .utf8)
        let lines = rejects.split(whereSeparator: \.isNewline)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("5;") && lines[1].contains("text"))
        #expect(lines[2].hasPrefix("6;") && lines[2].contains("grade"))

        let second = try await importer.run(path: path)
        #expect(second.created == 0)
        #expect(second.alreadyStored == 3)
        #expect(try server.storedCount() == 3)

        let stored = try await server.environment.database.submissions().sorted { ($0.kind ?? "") < ($1.kind ?? "") }
        #expect(stored.map { $0.kind ?? "" } == ["opinion", "question", "recommendation"])
        #expect(stored.allSatisfy { $0.schoolCode == "TH-AN-BINH" && $0.source == "import" })
    }

    @Test func unknownColumnsStopTheImport() async throws {
        let server = try TestServer()
        let form = try #require(server.environment.forms.latest(id: "dien-dan-tre-em"))
        let path = try write("school,kind,noi dung sai\nTH-AN-BINH,opinion,abc\n")
        await #expect(throws: CSVTableError.self) {
            try await PaperImport(intake: server.environment.intake, form: form, school: nil).run(path: path)
        }
        #expect(try server.storedCount() == 0)
    }

    @Test func schoolRegistryUpsertsAndReportsRows() throws {
        let server = try TestServer()
        let path = try write(
            """
            code,name,ward,district,level
            TH-AN-BINH,Trường Tiểu học An Bình (mới),Phường An Bình,Quận Hoa Sen,primary
            TH-MOI,Trường mới,Phường Mới,Quận Hoa Sen,tiểu học
            ,Không mã,P,Q,primary
            TH-X,Trường X,P,Q,university
            """, name: "truong.csv")
        let report = try SchoolRegistryImport.run(path: path, database: server.environment.database)
        #expect(report.inserted == 1)
        #expect(report.updated == 1)
        #expect(report.errors.count == 2)
        #expect(report.errors[0].hasPrefix("dòng 4"))
        #expect(report.errors[1].hasPrefix("dòng 5"))
        let schools = try server.environment.database.schools()
        #expect(schools.first { $0.code == "TH-AN-BINH" }?.name == "Trường Tiểu học An Bình (mới)")
        #expect(schools.first { $0.code == "TH-MOI" }?.level == .primary)
    }
}
