import Foundation
import Testing

@testable import Storage

/// Stored times are compared and sorted as text: the fast writer must give exactly the old form.
@Suite("Timestamp")
struct TimestampTests {
    @Test func writesUTCWithMillisecondsAtFixedWidth() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_780_000_000.0429)) == "2026-05-28T20:26:40.042Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 951_782_399.999)) == "2000-02-28T23:59:59.999Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 253_402_300_799.5)) == "9999-12-31T23:59:59.500Z")
    }

    @Test func readsBackWhatItWrites() {
        let date = Date(timeIntervalSince1970: 1_780_000_000.123)
        let text = Timestamp.string(date)
        #expect(Timestamp.date(text).map { abs($0.timeIntervalSince(date)) < 0.001 } == true)
    }
}
