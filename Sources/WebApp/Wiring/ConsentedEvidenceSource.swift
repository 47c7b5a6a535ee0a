import Events
import Forwarder
import Foundation
import Storage
import Summary

/// The files the Forwarder may send upward: this unit's event photos and documents marked with
/// consent (Events), then those the units below sent here (Storage), which came with theirs.
/// Joined here, in the application layer, so the Forwarder does not depend on Events.
public struct ConsentedEvidenceSource: EvidenceSource {
    public let database: AppDatabase
    public let events: EventStore

    public init(database: AppDatabase, events: EventStore) {
        self.database = database
        self.events = events
    }

    public func evidenceToSend() async throws -> [Summary.EvidenceRef] {
        var refs = try await events.consentedEvidence()
        var seen = Set(refs.map(\.sha256))
        for received in try await database.receivedEvidence().reversed() where seen.insert(received.sha256).inserted {
            refs.append(Summary.EvidenceRef(sha256: received.sha256, bytes: received.bytes, type: received.contentType, consent: true))
        }
        return refs
    }

    public func evidenceBytes(sha256: String) async throws -> Data? {
        if let own = try await events.evidenceBytes(sha256: sha256) { return own }
        return try await database.receivedEvidenceFile(sha256: sha256)?.data
    }
}
