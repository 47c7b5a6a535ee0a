import Analysis
import Answers
import Forms
import Foundation
import Storage
import Summary

extension SummaryBuilder {
    /// The latest summary of each unit below, decoded; one that no longer decodes (written by a
    /// future version) is left out rather than stopping the report.
    public static func latestBelow(_ database: AppDatabase) throws -> [Received] {
        try database.latestReceivedSummaries().compactMap { received in
            (try? Summary.decodeValidated(Data(received.payload.utf8)).get())
                .map { Received(summary: $0, receivedAt: received.receivedAt) }
        }
    }
}
