// libFuzzer harness for `UTF8Validation.isValid(_:)` (Sources/Forms/UTF8Validation.swift),
// differentially checked against the standard library. Built by `scripts/fuzz utf8 SECONDS`.
//
// The validator is handed libFuzzer's own buffer, which is allocated at exactly `size` bytes,
// so AddressSanitizer catches any read past the end (the validator indexes an
// UnsafeBufferPointer, which is not bounds-checked in -O builds).
//
// Two trusted answers: `String(validating:as:)` (strict validation) and the repairing
// `String(decoding:as:)` round trip (bytes come back unchanged exactly when they were valid).
// If the two disagree with each other the standard library is at fault; if the validator
// disagrees with them, the validator is.

private func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    return bytes.prefix(256).map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 0x0F)])" }.joined(separator: " ")
        + (bytes.count > 256 ? " … (\(bytes.count) bytes)" : "")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let ours = UTF8Validation.isValid(bytes)
    let validating = String(validating: bytes, as: UTF8.self) != nil
    let roundTrip = String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
    if validating != roundTrip {
        fatalError("FUZZ utf8: the standard library disagrees with itself: String(validating:) says \(validating), the String(decoding:) round trip says \(roundTrip), for bytes \(hex(bytes))")
    }
    if ours != validating {
        fatalError("FUZZ utf8: UTF8Validation.isValid says \(ours), the standard library says \(validating), for bytes \(hex(bytes))")
    }
    return 0
}
