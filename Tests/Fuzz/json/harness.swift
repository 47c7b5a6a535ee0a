// libFuzzer harness for `JSONParser.parse(bytes:)` (Sources/Forms/JSONParser.swift).
// Built by `scripts/fuzz json SECONDS`, compiled into one module with the parser sources, so
// internal symbols are reachable without @testable.
//
// Besides "does not crash, hang or leak", every accepted document must survive a round trip
// through its canonical form (what content hashes and idempotency keys are computed from):
// parse(canonical(parse(x))) == parse(x), and the canonical form is a fixed point.
// Every rejection must point at a plausible place (line >= 1, column >= 1, line within the input).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let value = try JSONParser.parse(bytes: bytes)
        let canonical = value.canonicalString()
        let again: JSONValue
        do {
            again = try JSONParser.parse(bytes: Array(canonical.utf8))
        } catch {
            fatalError("FUZZ json: the canonical form of an accepted document does not parse (\(error)): \(canonical.debugDescription)")
        }
        if again != value {
            fatalError("FUZZ json: canonical round trip changed the value: \(value) became \(again)")
        }
        if again.canonicalString() != canonical {
            fatalError("FUZZ json: the canonical form is not a fixed point: \(canonical.debugDescription)")
        }
    } catch {
        let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        if error.line < 1 || error.column < 1 || error.line > lines {
            fatalError("FUZZ json: error position out of range (\(error.line):\(error.column), \(lines) lines): \(error)")
        }
    }
    return 0
}
