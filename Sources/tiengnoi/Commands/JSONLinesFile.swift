import Forms
import Foundation

/// A JSON Lines file read whole: one JSON object a line, blank lines skipped. Problems name the
/// file and line and never quote the line, which holds a child's words.
struct JSONLinesFile {
    struct Line {
        var number: Int
        var object: [String: JSONValue]
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    let lines: [Line]

    init(path: String) throws(Problem) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "Không đọc được tệp \(path) — cannot read the file \(path)")
        }
        var lines: [Line] = []
        // Split on the byte, not on Characters: Swift reads "\r\n" as one Character.
        for (offset, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            // Spreadsheet exports may start with a byte-order mark and end lines with \r.
            let raw = String(decoding: bytes, as: UTF8.self)
            let text = (number == 1 ? raw.drop { $0 == "\u{FEFF}" } : raw[...]).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(text)
            } catch {
                throw Problem(
                    description: "\(path):\(number): dòng này không phải JSON (\(error.reasonVI)) — line \(number) is not JSON (\(error.reasonEN))")
            }
            guard let object = value.objectValue else {
                throw Problem(description: "\(path):\(number): cần một đối tượng JSON {…} — line \(number) must be a JSON object")
            }
            lines.append(Line(number: number, object: object))
        }
        self.lines = lines
    }

    /// The string in `field` of a line, or a problem naming the line.
    func string(_ field: String, of line: Line) throws(Problem) -> String {
        guard let value = line.object[field]?.stringValue else {
            throw Problem(
                description: "\(path):\(line.number): thiếu trường «\(field)» kiểu chuỗi — line \(line.number) has no string field \"\(field)\"")
        }
        return value
    }

    /// The string in `field` of a line, nil when it has none (or null).
    func optionalString(_ field: String, of line: Line) -> String? {
        line.object[field]?.stringValue
    }

    /// The boolean in `field` of a line, nil when the line has no such field, a problem when it
    /// holds something else (a "true" in quotes would otherwise be silently left out).
    func optionalBool(_ field: String, of line: Line) throws(Problem) -> Bool? {
        guard let value = line.object[field] else { return nil }
        if case .null = value { return nil }
        guard let bool = value.boolValue else {
            throw Problem(
                description:
                    "\(path):\(line.number): trường «\(field)» phải là true hoặc false — line \(line.number): field \"\(field)\" must be true or false"
            )
        }
        return bool
    }
}
