import ArgumentParser
import Foundation
import Storage
import WebApp

struct SchoolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schools",
        abstract: "The registry of schools entries are sent from.",
        subcommands: [Import.self, List.self, Edit.self, Deactivate.self, Link.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update schools from a CSV with columns code,name,ward,district,level.")

        @Argument(help: "CSV file (comma or semicolon, UTF-8 with or without BOM).")
        var file: String

        @OptionGroup var data: DataDirectoryOption

        func run() throws {
            let database = try data.open()
            let report: SchoolRegistryImport.Report
            do {
                report = try SchoolRegistryImport.run(path: file, database: database)
            } catch let error as CSVTableError {
                printError(error.description)
                throw ExitCode(1)
            }
            for line in report.errors { printError(line) }
            printNow(
                "Thêm \(report.inserted) trường, cập nhật \(report.updated) trường, \(report.errors.count) dòng lỗi "
                    + "(added \(report.inserted), updated \(report.updated), \(report.errors.count) rows refused)")
            if !report.errors.isEmpty { throw ExitCode(1) }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a school's form link (with its key); --rotate makes a new key and old links stop working.")

        @Argument(help: "The school code.") var code: String
        @Flag(help: "Make a new key.") var rotate = false
        @Option(help: "The address children open, e.g. https://tiengnoi.example.vn") var baseURL = "http://127.0.0.1:8080"
        @Flag(help: "Print only the key, for the X-TiengNoi-School-Key header of the submission API.") var keyOnly = false
        @OptionGroup var data: DataDirectoryOption

        func run() throws {
            let school = School.canonicalCode(code)
            do {
                let key = try data.open().schoolLinkKey(school, rotate: rotate)
                let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
                printNow(keyOnly ? key : "\(base)/f/\(school)?k=\(key)")
            } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered schools.")

        @OptionGroup var data: DataDirectoryOption

        func run() throws {
            let schools = try data.open().schools()
            if schools.isEmpty {
                printError("Chưa có trường nào; dùng `tiengnoi schools import FILE.csv` — no schools registered yet")
                return
            }
            let labels = ["primary": "Tiểu học", "lower_secondary": "THCS", "other": "Khác"]
            for school in schools {
                printNow(
                    [school.code, school.name, school.ward, school.district, labels[school.level.rawValue] ?? "",
                     school.active ? "" : "ngừng hoạt động (inactive)"]
                        .joined(separator: "\t"))
            }
        }
    }
}
