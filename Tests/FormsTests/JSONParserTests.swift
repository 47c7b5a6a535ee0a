import Foundation
import Testing

@testable import Forms

@Suite("Parsing JSON")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e1, true, false, null], "b": "Tiếng \u0110\u1ea1i \ud83d\ude00 \"q\"", "c": {}}"#)
        #expect(
            value
                == .object([
                    "a": [.int(1), .double(-25), .bool(true), .bool(false), .null],
                    "b": .string("Tiếng Đại 😀 \"q\""),
                    "c": .object([:]),
                ]))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var testDescription: String { text.debugDescription }
    }

    static let bad: [Bad] = [
        Bad(text: "", line: 1, column: 1),
        Bad(text: "{\"a\": 1,}", line: 1, column: 9),
        Bad(text: "{\n  \"a\": tru\n}", line: 2, column: 8),
        Bad(text: "[1, 2", line: 1, column: 6),
        Bad(text: "{\"a\": 01}", line: 1, column: 8),
        Bad(text: "{\"a\": \"x\u{01}\"}", line: 1, column: 9),
        Bad(text: "{\"á\": \"ồ\" x}", line: 1, column: 11),
        Bad(text: "\"abc", line: 1, column: 1),
        Bad(text: "{} {}", line: 1, column: 4),
    ]

    @Test(arguments: bad)
    func malformedInputSaysWhere(_ bad: Bad) {
        #expect {
            _ = try JSONParser.parse(bad.text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == bad.line && error.column == bad.column && !error.reasonVI.isEmpty
        }
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        var bytes = Array(#"{"a": "x"#.utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(#""}"#.utf8))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(bytes)) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
    }

    @Test func canonicalFormIsStableAndRoundTrips() throws {
        let a = try JSONParser.parse(#"{"b": 1, "a": "x\ny", "c": [true, null]}"#)
        let b = try JSONParser.parse(#"{"c": [true, null], "a": "x\ny", "b": 1}"#)
        #expect(a.canonicalString() == #"{"a":"x\ny","b":1,"c":[true,null]}"#)
        #expect(a.canonicalString() == b.canonicalString())
        #expect(try JSONParser.parse(a.canonicalString()) == a)
    }
}
