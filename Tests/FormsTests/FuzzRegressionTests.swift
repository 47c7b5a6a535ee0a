import Foundation
import Testing

@testable import Forms

/// Replays the inputs kept with the fuzzing harnesses (Tests/Fuzz/<target>/seeds and
/// Tests/Fuzz/<target>/regressions, see Tests/Fuzz/README.md) through the JSON parser and the
/// UTF-8 validator: each must come back normally (refusing the input is fine, crashing is not),
/// and the validator must agree with the standard library.
@Suite("Fuzzing corpora")
struct FuzzRegressionTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var testDescription: String { name }
        func bytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
    }

    /// Tests/Fuzz, next to this file's folder (Tests/FormsTests).
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// Every file in Tests/Fuzz/<target>/seeds and Tests/Fuzz/<target>/regressions.
    static func inputs(_ target: String) -> [Input] {
        var inputs: [Input] = []
        for folder in ["seeds", "regressions"] {
            let directory = fuzzFolder.appendingPathComponent(target).appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = directory.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                else { continue }
                inputs.append(Input(name: "\(target)/\(folder)/\(name)", path: path))
            }
        }
        return inputs
    }

    static let jsonInputs = inputs("json")
    static let utf8Inputs = inputs("utf8")

    @Test func theCorporaAreFound() {
        #expect(!Self.jsonInputs.isEmpty, "no files under \(Self.fuzzFolder.path)/json")
        #expect(!Self.utf8Inputs.isEmpty, "no files under \(Self.fuzzFolder.path)/utf8")
    }

    @Test(arguments: jsonInputs)
    func jsonParserReturns(_ input: Input) throws {
        let bytes = try input.bytes()
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            #expect(error.line >= 1 && error.column >= 1, "\(input.name): \(error)")
            return
        }
        // What is accepted survives the canonical form that content hashes are computed from.
        let again = try? JSONParser.parse(bytes: Array(value.canonicalString().utf8))
        #expect(again == value, "\(input.name)")
    }

    /// The JSON inputs too: their strings reach the validator through the parser.
    @Test(arguments: utf8Inputs + jsonInputs)
    func utf8ValidationAgreesWithTheStandardLibrary(_ input: Input) throws {
        let bytes = try input.bytes()
        let ours = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        let standard = String(validating: bytes, as: UTF8.self) != nil
        #expect(ours == standard, "\(input.name)")
    }
}
