import ArgumentParser
import Foundation
import Storage
import WebApp

extension SchoolsCommand {
    /// `/staff/schools/{code}`'s «Lưu», from the terminal.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a school's name, ward, district or level (the code stays).")
        @Argument(help: "The school code.") var code: String
        @Option var name: String?
        @Option var ward: String?
        @Option var district: String?
        @Option(help: "primary, lower_secondary or other.") var level: String?
        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            if name == nil && ward == nil && district == nil && level == nil {
                throw ValidationError("Cần ít nhất một trong --name, --ward, --district, --level — give at least one change")
            }
            for (flag, value) in [("--name", name), ("--ward", ward), ("--district", district)]
            where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                throw ValidationError("\(flag) không được để trống — \(flag) must not be empty")
            }
            if let level, SchoolLevel(rawValue: level) == nil {
                throw ValidationError("--level phải là primary, lower_secondary hoặc other — --level must be primary, lower_secondary or other")
            }
        }

        func run() async throws {
            let database = try data.open()
            guard var school = try await database.school(code: code) else {
                printError("Không có trường \(School.canonicalCode(code)) — no school \(School.canonicalCode(code))")
                throw ExitCode(1)
            }
            if let name { school.name = name.precomposedStringWithCanonicalMapping }
            if let ward { school.ward = ward.precomposedStringWithCanonicalMapping }
            if let district { school.district = district.precomposedStringWithCanonicalMapping }
            if let level = level.flatMap(SchoolLevel.init(rawValue:)) { school.level = level }
            try database.updateSchool(school)
            printNow("Đã lưu trường \(school.code) — school saved")
        }
    }

    /// `/staff/schools/{code}`'s «Ngừng hoạt động» and its undo.
    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a school taking entries (closed or merged); what it sent stays. --undo takes entries again.")
        @Argument(help: "The school code.") var code: String
        @Flag(help: "Let the school take entries again.") var undo = false
        @OptionGroup var data: DataDirectoryOption

        func run() throws {
            let canonical = School.canonicalCode(code)
            do { try data.open().setSchoolActive(code: canonical, undo) } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow(undo ? "Trường \(canonical) nhận ý kiến trở lại — taking entries again"
                          : "Trường \(canonical) đã ngừng nhận ý kiến — no longer taking entries")
        }
    }
}
