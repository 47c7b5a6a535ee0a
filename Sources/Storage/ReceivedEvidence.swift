import Foundation
import GRDB

/// A photo or document a unit below sent beside its summary, with that unit's consent, kept under
/// its checksum (`received_evidence`). The checks (signature, listed in the sender's summary, type
/// by content, metadata removed) are the intake's, in the Forwarder; this stores and reads.
public struct ReceivedEvidence: Sendable, Hashable {
    public var sha256: String
    public var sender: String
    public var contentType: String
    public var bytes: Int
    public var receivedAt: String
}

public enum ReceivedEvidenceOutcome: Sendable, Equatable {
    case stored
    /// This instance already holds the file (a retry, or the same photo listed twice).
    case duplicate
}

extension AppDatabase {
    public func storeReceivedEvidence(sha256: String, sender: String, contentType: String, data: Data, now: Date = Date()) async throws
        -> ReceivedEvidenceOutcome
    {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO received_evidence (sha256, sender, content_type, bytes, data, received_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sha256) DO NOTHING
                    """, arguments: [sha256, sender, contentType, data.count, data, Timestamp.string(now)])
            return db.changesCount == 1 ? .stored : .duplicate
        }
    }

    /// Every file received, newest first (without bytes).
    public func receivedEvidence(sender: String? = nil) async throws -> [ReceivedEvidence] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sha256, sender, content_type, bytes, received_at FROM received_evidence
                    WHERE (?1 IS NULL OR sender = ?1) ORDER BY received_at DESC, sha256
                    """, arguments: [sender]
            ).map { ReceivedEvidence(sha256: $0[0], sender: $0[1], contentType: $0[2], bytes: $0[3], receivedAt: $0[4]) }
        }
    }

    public func receivedEvidenceFile(sha256: String) async throws -> (contentType: String, data: Data)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT content_type, data FROM received_evidence WHERE sha256 = ?", arguments: [sha256])
                .map { ($0[0], $0[1]) }
        }
    }
}
