// libFuzzer harness for `Summary.decodeValidated(_:)` (Sources/Summary/), the
// intake decoder for summaries pushed by the units below (POST body, after the signature check)
// and for the stored copies re-read by `SummaryBuilder.latestBelow`.
// Built by `scripts/fuzz summary SECONDS` with Summary.swift + SummaryValidation.swift in one
// module and a small `Forms` module (the files it imports) next to it.
//
// Invariants of an accepted summary:
// - it re-encodes and decodes again to the same value (what a level forwards upward);
// - it can be rolled up: `SummaryBuilder.build` adds the counts of every summary below to this
//   unit's own with `+`/`+=`, which trap on overflow, and `TargetProgress.statuses` converts each
//   target's `current` from below with `Int(_:)`, which traps outside Int's range. Two such
//   summaries (two units below, or a unit below plus this unit's own counts) must add up without
//   overflowing Int. (Build and progress need a database, so the harness checks the arithmetic
//   they do rather than calling them.)

import Foundation

private func overflows(_ values: [Int]) -> Bool {
    values.contains { $0.addingReportingOverflow($0).overflow }
}

/// Every count `SummaryBuilder.build` sums across summaries.
private func summedCounts(_ summary: Summary) -> [Int] {
    var counts = [summary.totals.entries, summary.totals.consultations, summary.totals.safeguardingHeld,
                  summary.totals.registeredSchools]
    for values in summary.tallies.values {
        for count in values.values { counts += [count.entries, count.consultations] }
    }
    if let answers = summary.answers {
        counts += [answers.asked, answers.answered] + Array(answers.byStatus.values)
        for count in Array(answers.theme.values) + Array(answers.school.values) {
            counts += [count.asked, count.answered]
        }
    }
    return counts
}

/// The metrics whose `current` from below `TargetProgress.statuses` adds up as an Int.
private let countedMetrics: Set<String> = ["consultations", "lower_secondary_consultations"]

/// Target values `TargetProgress.statuses` turns into Int with `Int(_:)` (a trap when out of range).
private func unconvertibleTargetValue(_ summary: Summary) -> Double? {
    for target in summary.targets ?? [] where countedMetrics.contains(target.metric) {
        if let current = target.current, Int(exactly: current.rounded(.towardZero)) == nil { return current }
    }
    return nil
}

private func convertedTargetValues(_ summary: Summary) -> [Int] {
    (summary.targets ?? []).filter { countedMetrics.contains($0.metric) }.compactMap { $0.current.map { Int($0) } }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    guard case let .success(summary) = Summary.decodeValidated(body) else { return 0 }
    let encoded: Data
    do {
        encoded = try JSONEncoder().encode(summary)
    } catch {
        fatalError("FUZZ summary: an accepted summary does not encode: \(error)")
    }
    switch Summary.decodeValidated(encoded) {
    case let .failure(problems):
        fatalError("FUZZ summary: an accepted summary, re-encoded, is refused: \(problems)")
    case let .success(again) where again != summary:
        fatalError("FUZZ summary: re-encoding changed an accepted summary: \(summary) became \(again)")
    case .success:
        break
    }
    if let current = unconvertibleTargetValue(summary) {
        fatalError("FUZZ summary: an accepted summary has a target value Int(_:) cannot hold, so TargetProgress.statuses would trap: \(current)")
    }
    if overflows(summedCounts(summary) + convertedTargetValues(summary)) {
        fatalError("FUZZ summary: an accepted summary has counts so large that rolling two of them up overflows Int (SummaryBuilder.build or TargetProgress.statuses would trap): \((summedCounts(summary) + convertedTargetValues(summary)).map(\.magnitude).max() ?? 0)")
    }
    return 0
}
