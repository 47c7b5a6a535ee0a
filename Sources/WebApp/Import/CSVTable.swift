import Forms
import Foundation
import SwiftCSV

/// A spreadsheet exported as CSV: comma or semicolon (Vietnamese Excel uses ';'), UTF-8 with or
/// without a byte-order mark. Rows keep their spreadsheet numbers (the header is row 1).
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [(number: Int, cells: [String])]
    public var delimiter: Character

    public static func read(path: String) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVTableError(vi: "Không đọc được tệp \(path)", en: "cannot read \(path)")
        }
        return try parse(try text(of: data, name: path))
    }

    /// The file's text: UTF-8, a leading byte-order mark dropped (Excel's «CSV UTF-8» writes one).
    public static func text(of data: Data, name: String) throws -> String {
        guard var text = String(data: data, encoding: .utf8) else {
            throw CSVTableError(
                vi: "Tệp \(name) không phải UTF-8; hãy lưu lại dạng «CSV UTF-8»",
                en: "\(name) is not UTF-8; save it again as \"CSV UTF-8\"")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    public static func parse(_ text: String) throws -> CSVTable {
        let delimiter = CSVDelimiter.guessed(string: text)
        var all: [[String]] = []
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: delimiter, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { all.append($0) }
        } catch {
            throw CSVTableError(vi: "Tệp CSV bị lỗi: \(error)", en: "the CSV is malformed: \(error)")
        }
        guard let header = all.first else {
            throw CSVTableError(vi: "Tệp CSV trống", en: "the CSV file is empty")
        }
        var rows: [(Int, [String])] = []
        for (index, cells) in all.enumerated().dropFirst()
        where cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            rows.append((index + 1, cells))
        }
        return CSVTable(
            header: header.map { $0.trimmingCharacters(in: .whitespaces) },
            rows: rows, delimiter: delimiter.rawValue)
    }

    /// One CSV line, quoting cells that need it.
    public static func line(_ cells: [String], delimiter: Character) -> String {
        cells.map { cell in
            if cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") {
                return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return cell
        }.joined(separator: String(delimiter))
    }
}

public struct CSVTableError: BilingualError {
    public var vi: String
    public var en: String
}
