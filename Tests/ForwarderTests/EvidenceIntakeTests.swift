import Foundation
import Storage
import Summary
import Testing

@testable import Forwarder

/// A file of evidence sent beside a summary: taken only when signed by a registered unit, listed
/// with consent in that unit's latest summary, whole (its checksum is the path's) and a photo or
/// document by content; stored once.
@Suite("Receiving a file of evidence")
struct EvidenceIntakeTests {
    let database: AppDatabase
    let clock = ManualClock()
    let intake: EvidenceIntake

    /// A PNG with a text chunk (where a camera app may write a place).
    static let photo: Data = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            [0, 0, 0, UInt8(data.count)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
                    + chunk("IDAT", [7, 7, 7]) + chunk("IEND", []))
    }()

    init() throws {
        (database, _) = try Fixture.database()
        try database.addSender(code: "TH-A", secret: Fixture.secret.text)
        intake = EvidenceIntake(database: database, clock: clock.function)
    }

    /// Stores a summary from TH-A listing the given files.
    func pushSummary(listing refs: [Summary.EvidenceRef]) async throws {
        var summary = Fixture.summary()
        summary.events = Summary.EventTally(total: .init(held: 1, photos: refs.count), unit: ["TH-A": .init(held: 1, photos: refs.count)],
                                            evidence: ["TH-A": refs])
        _ = try await database.storeReceivedSummary(sender: "TH-A", idempotencyKey: UUID().uuidString, payload: Data(try Outbox.encode(summary).utf8),
                                                    generatedAt: Timestamp.string(clock.now), now: clock.now)
    }

    func send(_ body: Data, path: String? = nil, sender: String = "TH-A", secret: UpstreamSecret = Fixture.secret) async -> EvidenceIntake.Outcome {
        let sha = path ?? EvidenceFile.sha256(body)
        let stamp = Int64(clock.now.timeIntervalSince1970)
        let signature = RequestSignature.sign(secret: secret, sender: sender, idempotencyKey: sha, timestamp: stamp, body: body)
        return await intake.receive(sha256: sha, sender: sender, timestamp: String(stamp), signature: signature, body: body)
    }

    func code(_ outcome: EvidenceIntake.Outcome) -> String? {
        if case let .refused(refusal) = outcome { return "\(refusal.status) \(refusal.code)" }
        return nil
    }

    @Test func takesOnlyAListedConsentedFileOnce() async throws {
        let photo = Self.photo
        var other = [UInt8](Self.photo)
        other[other.count - 17] = 8  // another picture: a different IDAT byte
        let withheld = Data(other)
        try await pushSummary(listing: [
            .init(sha256: EvidenceFile.sha256(photo), bytes: photo.count, type: "image/png", consent: true),
            .init(sha256: EvidenceFile.sha256(withheld), bytes: withheld.count, type: "image/png", consent: false),
        ])
        #expect(await send(photo) == .stored(sender: "TH-A"))
        #expect(await send(photo) == .duplicate(sender: "TH-A"))
        // Listed without consent, never listed, not the path's checksum, not a photo, not signed by the unit.
        #expect(code(await send(withheld)) == "409 not_listed")
        #expect(code(await send(Data("%PDF-1.4 lạ".utf8))) == "409 not_listed")
        #expect(code(await send(photo, path: EvidenceFile.sha256(withheld))) == "422 checksum_mismatch")
        #expect(code(await send(photo, path: "anh.png")) == "422 bad_checksum")
        #expect(code(await send(photo, secret: try UpstreamSecret("not-the-shared-secret"))) == "401 bad_signature")
        let held = try await database.receivedEvidence()
        #expect(held.map(\.sha256) == [EvidenceFile.sha256(photo)] && held.first?.sender == "TH-A")
    }

    @Test func aListedFileThatIsNotAPhotoIsRefused() async throws {
        let text = Data("<html>not a photo</html>".utf8)
        try await pushSummary(listing: [.init(sha256: EvidenceFile.sha256(text), bytes: text.count, type: "image/jpeg", consent: true)])
        #expect(code(await send(text)) == "415 unsupported_type")
        #expect(try await database.receivedEvidence().isEmpty)
    }

    @Test func theEvidenceAddressStandsBesideTheSummaries() {
        #expect(EvidenceUploader.url(summaries: "https://quan.example.vn/api/v1/intake/summaries", sha256: "ab")
                == "https://quan.example.vn/api/v1/intake/evidence/ab")
        #expect(EvidenceUploader.url(summaries: "http://127.0.0.1:8080/api/v1/intake/summaries/", sha256: "ab")
                == "http://127.0.0.1:8080/api/v1/intake/evidence/ab")
    }
}
