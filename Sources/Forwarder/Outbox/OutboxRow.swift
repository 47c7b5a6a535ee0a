import Foundation
import GRDB

/// One summary on its way upstream, as stored in the `outbox` table.
public struct OutboxRow: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case queued, delivered, failed
    }

    public var id: String
    public var payload: String
    public var status: Status
    public var dataVersion: String?
    public var tries: Int
    public var nextAttemptAt: String?
    public var firstAttemptAt: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var responseBody: String?
    public var createdAt: String
    public var deliveredAt: String?

    init(row: Row) {
        id = row["id"]
        payload = row["payload"]
        status = Status(rawValue: row["status"]) ?? .failed
        dataVersion = row["data_version"]
        tries = row["tries"]
        nextAttemptAt = row["next_attempt_at"]
        firstAttemptAt = row["first_attempt_at"]
        lastStatus = row["last_status"]
        lastError = row["last_error"]
        responseBody = row["response_body"]
        createdAt = row["created_at"]
        deliveredAt = row["delivered_at"]
    }

    /// "HTTP 503" or the network error: what an operator reads first.
    public var lastOutcome: String {
        switch (lastStatus, lastError) {
        case let (status?, error?): "HTTP \(status): \(error)"
        case let (status?, nil): "HTTP \(status)"
        case let (nil, error?): error
        case (nil, nil): "-"
        }
    }
}
