// libFuzzer harness for `CSVTable.parse(_:)` (Sources/WebApp/Import/CSVTable.swift), the
// paper-form and school-registry CSV import, which delegates the cell splitting to SwiftCSV.
// Built by `scripts/fuzz csv SECONDS` together with SwiftCSV's sources (instrumented too, so
// coverage of its state machine guides the fuzzer).
//
// The bytes are turned into text the way `CSVTable.read(path:)` does it, except that invalid
// UTF-8 is repaired instead of refused (read refuses it before parse is reached, and repaired
// text is still text parse may see); a leading byte-order mark is dropped as read does.
// Invariants of an accepted table: the delimiter is one of the guessed ones, rows are numbered
// from 2 upward in increasing order, and no kept row is blank.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    guard let table = try? CSVTable.parse(text) else { return 0 }
    if ![",", ";", "\t"].contains(table.delimiter) {
        fatalError("FUZZ csv: unexpected delimiter \(table.delimiter.debugDescription)")
    }
    var previous = 1
    for row in table.rows {
        if row.number <= previous {
            fatalError("FUZZ csv: row numbers not increasing: \(row.number) after \(previous)")
        }
        previous = row.number
        if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            fatalError("FUZZ csv: a blank row was kept as row \(row.number)")
        }
    }
    return 0
}
