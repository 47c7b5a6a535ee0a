import Foundation
import Storage

/// `tiengnoi schools import`: columns `code,name,ward,district,level`; good rows are upserted,
/// bad rows are reported with their spreadsheet row number.
public enum SchoolRegistryImport {
    public struct Report: Sendable {
        public var inserted = 0
        public var updated = 0
        public var errors: [String] = []
    }

    static let columns = ["code", "name", "ward", "district", "level"]

    public static func run(path: String, database: AppDatabase) throws -> Report {
        try run(table: CSVTable.read(path: path), database: database)
    }

    /// The same from a table already read (the admin's upload on `/staff/schools`).
    public static func run(table: CSVTable, database: AppDatabase) throws -> Report {
        let header = table.header.map { $0.lowercased() }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw CSVTableError(
                vi: "Thiếu cột: \(missing.joined(separator: ", ")); dòng tiêu đề cần: \(columns.joined(separator: ","))",
                en: "missing columns: \(missing.joined(separator: ", ")); the header must be: \(columns.joined(separator: ","))")
        }
        var report = Report()
        var schools: [School] = []
        var seen: [String: Int] = [:]
        for (number, cells) in table.rows {
            func cell(_ name: String) -> String {
                let index = header.firstIndex(of: name)!
                return index < cells.count ? cells[index].trimmingCharacters(in: .whitespaces) : ""
            }
            var problems: [String] = []
            let code = School.canonicalCode(cell("code"))
            if code.isEmpty || code.contains(where: { $0.isWhitespace || $0 == "/" }) {
                problems.append("mã trường trống hoặc có khoảng trắng (code is empty or has spaces)")
            }
            for name in ["name", "ward", "district"] where cell(name).isEmpty {
                problems.append("thiếu \(name) (\(name) is empty)")
            }
            let level = Self.level(cell("level"))
            if level == nil {
                problems.append(
                    "cấp học «\(cell("level"))» không hợp lệ; dùng primary, lower_secondary hoặc other "
                        + "(level must be primary, lower_secondary or other)")
            }
            if let first = seen[code], !code.isEmpty {
                problems.append("mã \(code) đã có ở dòng \(first) (code \(code) repeats row \(first))")
            }
            if !problems.isEmpty {
                report.errors.append("dòng \(number): " + problems.joined(separator: "; "))
                continue
            }
            seen[code] = number
            schools.append(
                School(
                    code: code,
                    name: cell("name").precomposedStringWithCanonicalMapping,
                    ward: cell("ward").precomposedStringWithCanonicalMapping,
                    district: cell("district").precomposedStringWithCanonicalMapping,
                    level: level!))
        }
        let counts = try database.upsertSchools(schools)
        report.inserted = counts.inserted
        report.updated = counts.updated
        return report
    }

    /// Accepts the codes and the usual Vietnamese names of the levels.
    static func level(_ raw: String) -> SchoolLevel? {
        let key = raw.precomposedStringWithCanonicalMapping.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: .diacriticInsensitive, locale: nil)
            .trimmingCharacters(in: .whitespaces)
        switch key {
        case "primary", "tieu hoc", "th": return .primary
        case "lower_secondary", "thcs", "trung hoc co so": return .lowerSecondary
        case "other", "khac": return .other
        default: return nil
        }
    }
}
