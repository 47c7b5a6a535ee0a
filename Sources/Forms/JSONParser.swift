import Foundation

/// Where and why a JSON document is malformed, in words a coordinator can act on.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reasonVI: String
    public var reasonEN: String
    public var description: String { "line \(line), column \(column): \(reasonEN)" }
}

/// A strict JSON parser into `JSONValue`. Foundation's decoder on Linux does not say where a
/// document breaks, cannot tell `1` from `true` reliably through NSNumber, and has no depth limit
/// of our choosing; this one does all three and never copies the input.
public struct JSONParser {
    /// Submissions are two levels deep; anything far deeper is an attack or a mistake.
    public static let maxDepth = 64

    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        try parse(bytes: [UInt8](data))
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.document()
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if index >= bytes.count { throw failure(vi: "nội dung trống", en: "the document is empty") }
        let value = try self.value()
        skipWhitespace()
        if index < bytes.count {
            throw failure(vi: "còn ký tự thừa sau khi JSON đã kết thúc", en: "unexpected text after the end of the JSON value")
        }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw endOfInput() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            throw failure(
                vi: "cần một giá trị JSON (chuỗi, số, đối tượng, mảng, true, false, null)",
                en: "expected a JSON value (string, number, object, array, true, false or null)")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw failure(vi: "cần tên khoá trong dấu ngoặc kép", en: "expected a key in double quotes")
            }
            let key = try string()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure(vi: "thiếu dấu hai chấm sau khoá", en: "expected ':' after the key") }
            index += 1
            skipWhitespace()
            members[key] = try value()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .object(members) }
            throw index >= bytes.count
                ? endOfInput()
                : failure(vi: "cần dấu phẩy hoặc dấu đóng ngoặc }", en: "expected ',' or '}'")
        }
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .array(items) }
            throw index >= bytes.count
                ? endOfInput()
                : failure(vi: "cần dấu phẩy hoặc dấu đóng ngoặc ]", en: "expected ',' or ']'")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth {
            throw failure(
                vi: "JSON lồng nhau quá sâu (tối đa \(Self.maxDepth) tầng)",
                en: "JSON nested too deeply (at most \(Self.maxDepth) levels)")
        }
    }

    private mutating func string() throws(JSONParseError) -> String {
        let start = index
        index += 1
        var scratch: [UInt8] = []
        var escaped = false
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let end = index
                index += 1
                // Most strings have no escapes: decode them straight from the input.
                let text: String? =
                    escaped
                    ? {
                        scratch.append(contentsOf: bytes[runStart..<end]); return Self.decode(scratch[...])
                    }()
                    : Self.decode(bytes[runStart..<end])
                guard let text else {
                    index = start
                    throw failure(vi: "chuỗi không phải UTF-8 hợp lệ", en: "the string is not valid UTF-8")
                }
                return text
            }
            if byte < 0x20 {
                throw failure(vi: "ký tự điều khiển trong chuỗi phải được viết dạng \\u", en: "control characters in strings must be escaped")
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                scratch.append(contentsOf: bytes[runStart..<index])
                index += 1
                try escape(into: &scratch)
                runStart = index
                continue
            }
            index += 1
        }
        index = start
        throw failure(vi: "chuỗi chưa có dấu ngoặc kép đóng", en: "unterminated string")
    }

    private static func decode(_ slice: ArraySlice<UInt8>) -> String? {
        slice.withUnsafeBufferPointer { buffer in
            UTF8Validation.isValid(buffer) ? String(decoding: buffer, as: UTF8.self) : nil
        }
    }

    private mutating func escape(into scratch: inout [UInt8]) throws(JSONParseError) {
        guard index < bytes.count else { throw endOfInput() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(byte)
        case UInt8(ascii: "\\"): scratch.append(byte)
        case UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard peek(UInt8(ascii: "\\")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure(vi: "thiếu nửa sau của cặp \\u surrogate", en: "unpaired surrogate in \\u escape")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(vi: "cặp \\u surrogate không hợp lệ", en: "invalid surrogate pair in \\u escape")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw failure(vi: "cặp \\u surrogate không hợp lệ", en: "unpaired surrogate in \\u escape")
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw failure(vi: "mã \\u không hợp lệ", en: "invalid \\u escape")
            }
            scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            index -= 1
            throw failure(vi: "ký tự thoát \\ không hợp lệ", en: "invalid escape sequence")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw endOfInput() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure(vi: "\\u cần bốn chữ số hệ 16", en: "\\u needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var isInteger = true
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw failure(vi: "số không hợp lệ", en: "invalid number")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw failure(vi: "số không được bắt đầu bằng 0", en: "numbers must not have leading zeros")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure(vi: "cần chữ số sau dấu chấm", en: "expected digits after the decimal point")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure(vi: "cần chữ số sau số mũ", en: "expected digits in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            index = start
            throw failure(vi: "số quá lớn", en: "number out of range")
        }
        return .double(value)
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let expected = word.withUTF8Buffer { Array($0) }
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw failure(vi: "cần giá trị JSON; «\(word)» viết sai?", en: "expected a JSON value; misspelt «\(word)»?")
        }
        index += expected.count
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func endOfInput() -> JSONParseError {
        failure(vi: "JSON kết thúc đột ngột (thiếu dấu đóng ngoặc?)", en: "unexpected end of JSON (a missing bracket?)")
    }

    /// Line and column of the current position; columns count characters, not bytes.
    private func failure(vi: String, en: String) -> JSONParseError {
        let end = min(index, bytes.count)
        var line = 1
        var lineStart = 0
        for position in 0..<end where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        // Continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
        return JSONParseError(line: line, column: column, reasonVI: vi, reasonEN: en)
    }
}
