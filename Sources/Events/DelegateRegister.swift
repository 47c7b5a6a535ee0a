import Foundation
import Storage

/// A forum's register as officers type or export it, one delegate a line:
/// `ten,truong,tuoi,gioi_tinh,hoan_canh_dac_biet` (given name, school code, age, nu/nam/khac,
/// x or empty). The header is optional: without one the columns are taken in that order. One
/// reader for `tiengnoi events delegates FILE.csv` and the register page, so both refuse the same
/// lines with the same words. The cells come already split (the WebApp's `CSVTable`, which the
/// paper-form import shares and the fuzzer covers).
public enum DelegateRegister {
    public static let columns = ["ten", "truong", "tuoi", "gioi_tinh", "hoan_canh_dac_biet"]

    /// The names a column may go by in a header, folded to lower case.
    static let names: [[String]] = [
        ["ten", "tên", "given_name", "name"],
        ["truong", "trường", "school"],
        ["tuoi", "tuổi", "age"],
        ["gioi_tinh", "giới tính", "giới_tính", "gender"],
        ["hoan_canh_dac_biet", "hoàn cảnh đặc biệt", "special", "special_circumstances"],
    ]

    /// A refused line: its number in the file or the text box (the first line is 1), and why.
    public struct LineError: Sendable, Hashable {
        public var line: Int
        public var vi: String
        public var en: String
    }

    public struct Parsed: Sendable {
        public var delegates: [Delegate]
        /// Every refused line; the register is stored only when there is none.
        public var errors: [LineError]
    }

    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// `header` and `rows` as the CSV was split: the header is line 1, each row keeps its number.
    public static func parse(header: [String], rows: [(number: Int, cells: [String])]) -> Parsed {
        let folded = header.map(fold)
        let found = names.map { aliases in folded.firstIndex { aliases.contains($0) } }
        var lines = rows
        let index: [Int?]
        if found.contains(where: { $0 != nil }) {
            // A header: the first four columns must be there (special circumstances may be left out).
            let missing = zip(columns, found).prefix(4).filter { $0.1 == nil }.map(\.0)
            guard missing.isEmpty else {
                let list = missing.joined(separator: ", ")
                return Parsed(delegates: [], errors: [LineError(line: 1, vi: "Dòng 1: thiếu cột \(list)", en: "line 1: the columns \(list) are missing")])
            }
            index = found
        } else {
            // No header: the first line is a delegate like the others.
            if header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { lines.insert((1, header), at: 0) }
            index = columns.indices.map { Optional($0) }
        }
        var delegates: [Delegate] = []
        var errors: [LineError] = []
        for (number, cells) in lines {
            func cell(_ column: Int) -> String {
                guard let at = index[column], at < cells.count else { return "" }
                return cells[at].trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            }
            var vi: [String] = [], en: [String] = []
            let name = cell(0), school = cell(1)
            if name.isEmpty || name.count > 60 { vi.append("cần tên, tối đa 60 ký tự"); en.append("a given name of 1 to 60 characters") }
            if school.isEmpty { vi.append("cần mã trường"); en.append("a school code") }
            // The register keeps children of 5 to 20; the quota's own ages are checked on the whole list.
            let age = Int(cell(2)).flatMap { (5...20).contains($0) ? $0 : nil }
            if age == nil { vi.append("tuổi là số từ 5 đến 20 (đọc được «\(cell(2))»)"); en.append("an age from 5 to 20 (got «\(cell(2))»)") }
            let gender = ["nữ": "nu", "nu": "nu", "nam": "nam", "khác": "khac", "khac": "khac"][fold(cell(3))]
            if gender == nil { vi.append("giới tính là nu, nam hoặc khac (đọc được «\(cell(3))»)"); en.append("gender nu, nam or khac (got «\(cell(3))»)") }
            guard vi.isEmpty, let age, let gender else {
                errors.append(LineError(line: number, vi: "Dòng \(number): " + vi.joined(separator: "; "),
                                        en: "line \(number): " + en.joined(separator: "; ")))
                continue
            }
            let special = !["", "khong", "không", "0", "no", "false"].contains(fold(cell(4)))
            delegates.append(Delegate(givenName: name, school: School.canonicalCode(school), age: age, gender: gender,
                                      specialCircumstances: special))
        }
        return Parsed(delegates: delegates, errors: errors)
    }
}
