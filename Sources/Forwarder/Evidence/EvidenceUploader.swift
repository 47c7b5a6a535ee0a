import Foundation
import GRDB
import Logging
import Storage
import Summary

/// Where the Forwarder gets the files it may send upward: the events' photos and documents the
/// unit marked with consent (and, at a district, those its schools sent it). Joined to the Events
/// feature by the web application, as `SummarySource` is to Reports.
public protocol EvidenceSource: Sendable {
    /// Files that may go upward, each once.
    func evidenceToSend() async throws -> [Summary.EvidenceRef]
    func evidenceBytes(sha256: String) async throws -> Data?
}

/// Sends the consented files beside the summary (docs/upstream.md, «Photos and documents»):
/// `PUT …/api/v1/intake/evidence/{sha256}`, signed like a push with the checksum as the
/// Idempotency-Key. Remembers in `evidence_deliveries` (owned here) which files the level above
/// already holds, so each goes once; a file that failed is tried again at the next round. A
/// file without consent is never read, let alone sent.
public struct EvidenceUploader: Sendable {
    public let database: AppDatabase
    public let upstream: UpstreamConfiguration
    public let transport: any UpstreamTransport
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(database: AppDatabase, upstream: UpstreamConfiguration, transport: any UpstreamTransport,
                clock: @escaping @Sendable () -> Date = Date.init, logger: Logger = Logger(label: "tiengnoi.forwarder")) {
        self.database = database
        self.upstream = upstream
        self.transport = transport
        self.clock = clock
        self.logger = logger
    }

    public struct Round: Sendable, Equatable {
        public var delivered = 0
        public var failed = 0
        public var alreadyThere = 0
    }

    /// The evidence address beside the summaries' one: …/intake/summaries → …/intake/evidence/{sha256}.
    public static func url(summaries: String, sha256: String) -> String {
        var base = summaries
        if let query = base.firstIndex(of: "?") { base = String(base[..<query]) }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/summaries") { base.removeLast("summaries".count) } else { base += "/" }
        return base + "evidence/" + sha256
    }

    public func request(sha256: String, contentType: String, body: Data, now: Date) -> UpstreamRequest {
        UpstreamRequest(
            url: Self.url(summaries: upstream.url, sha256: sha256),
            headers: [("Content-Type", contentType), ("Idempotency-Key", sha256)]
                + RequestSignature.headers(secret: upstream.secret, sender: upstream.sender, idempotencyKey: sha256, now: now, body: body),
            body: body, method: .put)
    }

    /// Sends every consented file the level above does not hold yet, at most `limit` in one round.
    @discardableResult
    public func deliverPending(from source: any EvidenceSource, limit: Int = 200) async throws -> Round {
        let delivered = try await database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT sha256 FROM evidence_deliveries WHERE status = 'delivered'"))
        }
        var round = Round()
        for ref in try await source.evidenceToSend() where ref.consent && !delivered.contains(ref.sha256) {
            guard round.delivered + round.failed < limit, !Task.isCancelled else { break }
            guard let body = try await source.evidenceBytes(sha256: ref.sha256) else { continue }
            let result = await transport.post(request(sha256: ref.sha256, contentType: ref.type, body: body, now: clock()))
            var status: Int?
            var error: String?
            switch result {
            case let .success(response):
                status = response.status
                if !(200..<300).contains(response.status) {
                    error = String(decoding: response.body.prefix(500), as: UTF8.self)
                }
            case let .failure(failure):
                error = failure.message
            }
            let ok = error == nil
            if ok { if status == 200 { round.alreadyThere += 1 } else { round.delivered += 1 } } else { round.failed += 1 }
            let stamp = Timestamp.string(clock())
            let (lastStatus, lastError) = (status, error)
            try await database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO evidence_deliveries (sha256, status, tries, last_status, last_error, updated_at) VALUES (?1, ?2, 1, ?3, ?4, ?5)
                        ON CONFLICT (sha256) DO UPDATE SET status = ?2, tries = tries + 1, last_status = ?3, last_error = ?4, updated_at = ?5
                        """, arguments: [ref.sha256, ok ? "delivered" : "retry", lastStatus, lastError, stamp])
            }
            // The checksum's start and the outcome only: never the file.
            logger.log(level: ok ? .info : .warning, "evidence \(ok ? "delivered" : "not delivered")",
                       metadata: ["sha256": "\(ref.sha256.prefix(12))", "status": "\(status.map(String.init) ?? error ?? "")"])
        }
        return round
    }
}
