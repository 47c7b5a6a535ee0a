import Foundation
import Storage
import Summary

/// The receiving side of a file of evidence (`PUT /api/v1/intake/evidence/{sha256}`), without HTTP:
/// signed by a registered sender (the checksum is the Idempotency-Key), the body's checksum is the
/// one in the path, the sender's latest summary lists that checksum with consent for the sender
/// itself or a unit it may speak for, and the content is a JPEG, PNG or PDF under the size limit,
/// its metadata removed again here. Nothing is stored on any refusal.
public struct EvidenceIntake: Sendable {
    public let database: AppDatabase
    public let authentication: SenderAuthentication
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, tolerance: Double = 5 * 60, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.authentication = SenderAuthentication(database: database, tolerance: tolerance, clock: clock)
        self.clock = clock
    }

    /// Stored, already held (answered as a success, nothing added), or refused: as for a summary.
    public typealias Outcome = SummaryIntake.Outcome

    public func receive(sha256: String, sender: String?, timestamp: String?, signature: String?, body: Data) async -> Outcome {
        guard EvidenceFile.isChecksum(sha256) else { return .refused(.evidence("bad_checksum", 422,
            vi: "Đường dẫn phải kết thúc bằng SHA-256 của tệp (64 chữ số hex viết thường)",
            en: "the path must end in the file's SHA-256 (64 lower-case hex digits)")) }
        let registered: RegisteredSender
        switch await authentication.check(sender: sender, timestamp: timestamp, signature: signature, idempotencyKey: sha256, body: body) {
        case let .failure(refusal): return .refused(refusal)
        case let .success(value): registered = value
        }
        guard EvidenceFile.sha256(body) == sha256 else {
            return .refused(.evidence("checksum_mismatch", 422, vi: "SHA-256 của nội dung không khớp với đường dẫn",
                                      en: "the body's SHA-256 is not the one in the path"))
        }
        // Only what the sender's own latest summary listed, with consent, for a unit it speaks for.
        do {
            let latest = try database.latestReceivedSummaries().first { $0.sender == registered.code }
            let summary = latest.flatMap { try? JSONDecoder().decode(Summary.self, from: Data($0.payload.utf8)) }
            let listed = (summary?.events?.evidence ?? [:]).values.joined().contains { $0.sha256 == sha256 && $0.consent }
            guard listed else {
                return .refused(.evidence("not_listed", 409,
                    vi: "Tệp này chưa có trong bản tổng hợp mới nhất của đơn vị với sự đồng ý chia sẻ: gửi bản tổng hợp trước",
                    en: "this file is not listed with consent in the unit's latest summary: push the summary first"))
            }
        } catch {
            return .refused(.unavailable)
        }
        let checked: EvidenceFile.Checked
        switch EvidenceFile.check(body) {
        case let .failure(problem):
            return .refused(.evidence(problem.code, problem.status, vi: problem.vi, en: problem.en))
        case let .success(value): checked = value
        }
        do {
            // Kept under the listed checksum: a sender that did not remove the metadata itself
            // still finds its file here, and the stored bytes have none.
            switch try await database.storeReceivedEvidence(sha256: sha256, sender: registered.code, contentType: checked.contentType,
                                                            data: checked.data, now: clock())
            {
            case .stored: return .stored(sender: registered.code)
            case .duplicate: return .duplicate(sender: registered.code)
            }
        } catch {
            return .refused(.unavailable)
        }
    }
}

extension IntakeRefusal {
    static func evidence(_ code: String, _ status: Int, vi: String, en: String) -> IntakeRefusal {
        IntakeRefusal(status: status, code: code, vi: vi, en: en)
    }
}
