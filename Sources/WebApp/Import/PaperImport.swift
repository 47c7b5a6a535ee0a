import Crypto
import Forms
import Foundation
import Storage

/// `tiengnoi import FILE.csv --form ID`: paper forms typed into a spreadsheet, one row per entry.
/// Valid rows are stored; refused rows go to `FILE.rejects.csv` with their row number and reasons,
/// ready to be corrected and imported again. Importing the same file twice adds nothing.
public struct PaperImport: Sendable {
    public struct Report: Sendable {
        public var created = 0
        public var alreadyStored = 0
        public var rejected = 0
        public var rejectsPath: String?
    }

    let intake: SubmissionIntake
    let form: Form
    let school: String?

    public init(intake: SubmissionIntake, form: Form, school: String?) {
        self.intake = intake
        self.form = form
        self.school = school
    }

    /// Spreadsheets exported from Vietnamese schools usually start with a row-number column.
    static let ignoredColumns: Set<String> = ["stt", "so thu tu", "#"]
    /// The optional column of the day the child wrote the form (folded names).
    static let dateColumns: Set<String> = ["ngay viet", "ngay", "ngay viet phieu", "date", "written_on", "writtenon"]

    /// "2026-05-15", "15/5/2026", "15-05-2026" → "2026-05-15"; anything else as typed, for the
    /// intake to refuse with its message.
    static func day(fromCell cell: String) -> String? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if CalendarDate(text) != nil { return text }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        if parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 {
            let iso = String(format: "%04d-%02d-%02d", year, month, day)
            if CalendarDate(iso) != nil { return iso }
        }
        return text
    }

    /// The rows of a table checked against the form, nothing stored yet: what the upload page
    /// previews before the coordinator confirms.
    public struct Plan: Sendable {
        public struct Row: Sendable {
            public var number: Int
            public var cells: [String]
            public var submission: NewSubmission
        }
        public struct Reject: Sendable {
            public var number: Int
            public var reasons: String
            public var cells: [String]
        }
        public var header: [String]
        public var delimiter: Character
        public var rows: [Row]
        public var rejects: [Reject]
    }

    /// Checks every row. With `onlySchool`, a row naming another school is refused: a school's
    /// coordinator imports for that school only.
    public func plan(_ table: CSVTable, onlySchool: String? = nil) throws -> Plan {
        let (columns, dateColumn) = try mapColumns(table.header)
        var plan = Plan(header: table.header, delimiter: table.delimiter, rows: [], rejects: [])
        var occurrences: [String: Int] = [:]
        let schoolField = form.field(role: .school)
        for (number, cells) in table.rows {
            var answers: [String: JSONValue] = [:]
            for (index, field) in columns.enumerated() {
                guard let field, index < cells.count, let value = field.answer(fromCell: cells[index]) else { continue }
                answers[field.id] = value
            }
            if let school, let schoolField, answers[schoolField.id] == nil {
                answers[schoolField.id] = .string(school)
            }
            if let onlySchool, let schoolField, let named = answers[schoolField.id]?.stringValue,
                School.canonicalCode(named) != onlySchool
            {
                plan.rejects.append(.init(number: number, reasons: "\(schoolField.id): dòng này ghi trường khác («\(named)»), "
                    + "chỉ nhập được cho trường \(onlySchool) (this row names another school)", cells: cells))
                continue
            }
            // Two children may write the same words: the n-th identical row gets its own id, and
            // the same file imported again gives the same ids.
            let rowKey = JSONValue.object(answers).canonicalString()
            let occurrence = occurrences[rowKey, default: 0]
            occurrences[rowKey] = occurrence + 1
            var envelope: [String: JSONValue] = [
                "id": .string(Self.stableID(form: form, rowKey: rowKey, occurrence: occurrence)),
                "form": .string(form.id),
                "formVersion": .int(form.version),
                "answers": .object(answers),
            ]
            if let dateColumn, dateColumn < cells.count, let day = Self.day(fromCell: cells[dateColumn]) {
                envelope["writtenOn"] = .string(day)
            }
            switch intake.prepare(.object(envelope), source: .import) {
            case let .failure(failure):
                plan.rejects.append(.init(number: number, reasons: Self.reasons(failure.errors), cells: cells))
            case let .success(submission):
                plan.rows.append(.init(number: number, cells: cells, submission: submission))
            }
        }
        return plan
    }

    /// Stores the plan's valid rows (an entry already stored is counted, not added again); the
    /// report's rejects are the plan's plus any row the store refused.
    public func store(_ plan: Plan) async -> (report: Report, rejects: [Plan.Reject]) {
        var report = Report()
        var rejects = plan.rejects
        for chunk in stride(from: 0, to: plan.rows.count, by: 500) {
            let slice = Array(plan.rows[chunk..<min(chunk + 500, plan.rows.count)])
            let results = await intake.writer.store(slice.map(\.submission))
            for (row, result) in zip(slice, results) {
                switch result {
                case .success(.created): report.created += 1
                case .success(.duplicate): report.alreadyStored += 1
                case .success(.conflict):
                    rejects.append(.init(number: row.number, reasons: "mã dòng trùng với một ý kiến khác (row id conflicts with another entry)",
                                         cells: row.cells))
                case let .failure(error):
                    rejects.append(.init(number: row.number, reasons: "không lưu được (could not store): \(error)", cells: row.cells))
                }
            }
        }
        report.rejected = rejects.count
        return (report, rejects.sorted { $0.number < $1.number })
    }

    /// The refused rows as a CSV to correct and import again: the row number and the reasons
    /// first, then the row as it was; with a byte-order mark, so that Excel reads it as UTF-8.
    public static func rejectsCSV(_ rejects: [Plan.Reject], header: [String], delimiter: Character) -> String {
        var lines = [CSVTable.line(["dong", "ly_do"] + header, delimiter: delimiter)]
        for reject in rejects.sorted(by: { $0.number < $1.number }) {
            lines.append(CSVTable.line([String(reject.number), reject.reasons] + reject.cells, delimiter: delimiter))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    public func run(path: String) async throws -> Report {
        let plan = try plan(try CSVTable.read(path: path))
        let (stored, rejects) = await store(plan)
        var report = stored
        let rejectsPath = Self.rejectsPath(for: path)
        if rejects.isEmpty {
            try? FileManager.default.removeItem(atPath: rejectsPath)
        } else {
            try Data(Self.rejectsCSV(rejects, header: plan.header, delimiter: plan.delimiter).utf8)
                .write(to: URL(fileURLWithPath: rejectsPath))
            report.rejectsPath = rejectsPath
        }
        return report
    }

    /// Columns are named by field id or by the form's label, in any case, with or without diacritics.
    /// The optional «Ngày viết» column (the day the child wrote it) is found the same way.
    func mapColumns(_ header: [String]) throws -> ([Field?], date: Int?) {
        var unknown: [String] = []
        var date: Int?
        let mapped: [Field?] = header.enumerated().map { index, name in
            let key = Self.fold(name)
            if key.isEmpty || Self.ignoredColumns.contains(key) { return nil }
            if Self.dateColumns.contains(key) && !form.fields.contains(where: { Self.fold($0.id) == key }) {
                date = index
                return nil
            }
            if let field = form.fields.first(where: {
                Self.fold($0.id) == key || Self.fold($0.label.vi) == key || $0.label.en.map(Self.fold) == key
            }) {
                return field
            }
            unknown.append(name)
            return nil
        }
        guard unknown.isEmpty else {
            let known = form.fields.map { "\($0.id) («\($0.label.vi)»)" }.joined(separator: ", ")
                + ", «Ngày viết» (ngày em viết phiếu, tuỳ chọn — the day it was written, optional)"
            throw CSVTableError(
                vi: "Cột không khớp với biểu mẫu \(form.id): \(unknown.joined(separator: ", ")). Các cột dùng được: \(known)",
                en: "columns not in form \(form.id): \(unknown.joined(separator: ", ")). Usable columns: \(known)")
        }
        return (mapped, date)
    }

    static func stableID(form: Form, rowKey: String, occurrence: Int) -> String {
        let digest = Array(SHA256.hash(data: Data("import\n\(form.id)\n\(rowKey)\n\(occurrence)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5 layout: name-based
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }

    static func reasons(_ errors: [FieldError]) -> String {
        errors.map { "\($0.field): \($0.messageVI) (\($0.messageEN))" }.joined(separator: "; ")
    }

    static func rejectsPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".rejects.csv").path
    }

    static func fold(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: .diacriticInsensitive, locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
    }
}
