import Forms
import Foundation

/// Why a pushed summary was not stored, with the HTTP status and the words a person at the sending
/// unit needs to fix it (Vietnamese and English).
public struct IntakeRefusal: BilingualError, Equatable {
    public var status: Int
    public var code: String
    public var vi: String
    public var en: String
    public var problems: [String] = []
    public var serverTime: Int64?
    public var retryAfter: Int?

    static func missingHeader(_ name: String) -> IntakeRefusal {
        IntakeRefusal(
            status: 401, code: "missing_header",
            vi: "Thiếu tiêu đề \(name): yêu cầu phải được ký (xem docs/upstream.md)",
            en: "the \(name) header is missing: requests must be signed (see docs/upstream.md)")
    }

    static func unknownSender(_ code: String) -> IntakeRefusal {
        IntakeRefusal(
            status: 401, code: "unknown_sender",
            vi: "Đơn vị «\(code)» chưa được đăng ký gửi tổng hợp tới đây (tiengnoi senders add)",
            en: "unit «\(code)» is not registered to send summaries here (tiengnoi senders add)")
    }

    static func badTimestamp(_ text: String) -> IntakeRefusal {
        IntakeRefusal(
            status: 401, code: "bad_timestamp",
            vi: "X-TiengNoi-Timestamp phải là số giây Unix, không phải «\(text.prefix(40))»",
            en: "X-TiengNoi-Timestamp must be Unix seconds, not «\(text.prefix(40))»")
    }

    static let badSignature = IntakeRefusal(
        status: 401, code: "bad_signature",
        vi: "Chữ ký không đúng: khoá bí mật hai bên khác nhau, hoặc nội dung đã bị thay đổi trên đường truyền",
        en: "the signature does not match: the two sides hold different secrets, or the body was altered on the way")

    static let retiredSignature = IntakeRefusal(
        status: 401, code: "signature_version",
        vi:
            "Chữ ký kiểu cũ (sha256=) không còn được nhận vì không bao gồm mã đơn vị và Idempotency-Key: hãy cập nhật TiengNoi ở đơn vị gửi (chữ ký v2=, xem docs/upstream.md)",
        en:
            "the old signature (sha256=) is no longer accepted because it does not cover the sender and the Idempotency-Key: upgrade the sending unit (v2= signatures, see docs/upstream.md)"
    )

    /// A summary that speaks for a unit the sender is not, and is not registered as being below it.
    static func foreignUnits(sender: String, _ problems: [String]) -> IntakeRefusal {
        IntakeRefusal(
            status: 422, code: "foreign_units",
            vi:
                "Bản tổng hợp của «\(sender)» nêu đơn vị không thuộc «\(sender)»: mỗi đơn vị chỉ báo cáo về chính mình và các đơn vị đã đăng ký bên dưới (tiengnoi senders add \(sender) --units …)",
            en:
                "the summary from «\(sender)» names units that are not «\(sender)» nor registered below it (tiengnoi senders add \(sender) --units …)",
            problems: problems)
    }

    static func staleTimestamp(skew: Double, serverTime: Int64) -> IntakeRefusal {
        let seconds = Int(skew.rounded())
        return IntakeRefusal(
            status: 401, code: "stale_timestamp",
            vi: "Thời điểm ký lệch \(abs(seconds)) giây so với máy chủ (cho phép 5 phút): hãy chỉnh đồng hồ máy gửi",
            en:
                "the signing time is \(abs(seconds)) s \(seconds < 0 ? "behind" : "ahead of") this server (5 minutes allowed): fix the sender's clock",
            serverTime: serverTime)
    }

    static let missingIdempotencyKey = IntakeRefusal(
        status: 400, code: "missing_idempotency_key",
        vi: "Thiếu tiêu đề Idempotency-Key (tối đa 200 ký tự): cùng một bản tổng hợp gửi lại phải dùng cùng khoá",
        en: "the Idempotency-Key header is missing (at most 200 characters): a resent summary must reuse its key")

    static func invalidSummary(_ problems: [String]) -> IntakeRefusal {
        IntakeRefusal(
            status: 422, code: "invalid_summary",
            vi: "Bản tổng hợp không hợp lệ (tiengnoi.summary/1): xem danh sách lỗi",
            en: "the summary is not a valid tiengnoi.summary/1 document: see the problems",
            problems: problems)
    }

    static func unitMismatch(unit: String, sender: String) -> IntakeRefusal {
        IntakeRefusal(
            status: 422, code: "unit_mismatch",
            vi: "Bản tổng hợp của đơn vị «\(unit)» nhưng người gửi là «\(sender)»: mỗi đơn vị chỉ gửi tổng hợp của chính mình",
            en: "the summary is for unit «\(unit)» but the sender is «\(sender)»: a unit sends only its own summary")
    }

    static func idempotencyConflict(_ key: String) -> IntakeRefusal {
        IntakeRefusal(
            status: 409, code: "idempotency_conflict",
            vi: "Khoá Idempotency-Key «\(key.prefix(60))» đã dùng cho một bản tổng hợp khác; bản mới cần khoá mới",
            en: "Idempotency-Key «\(key.prefix(60))» was used for a different summary; a new summary needs a new key")
    }

    static let unavailable = IntakeRefusal(
        status: 503, code: "storage_unavailable",
        vi: "Máy chủ chưa lưu được bản tổng hợp; hãy gửi lại sau (cùng Idempotency-Key)",
        en: "the server could not store the summary; send it again later (same Idempotency-Key)",
        retryAfter: 5)
}
