import Forms
import Foundation

/// What staff ask to record, before it is checked: from the CLI, the JSON API or the dashboard.
public struct AnswerRequest: Sendable {
    public var target: AnswerTarget
    /// A status code (`AnswerStatus` raw value); checked here so every caller gets the same message.
    public var status: String?
    public var text: String?
    /// Kept from the previous version when not given.
    public var office: String?
    public var reason: String?
    public var solution: String?
    /// "YYYY-MM-DD"; kept from the previous version when not given, else the campaign's default.
    public var dueDate: String?
    /// A draft is neither shown to children nor sent down until it is published.
    public var draft: Bool

    public init(
        target: AnswerTarget, status: String?, text: String?, office: String? = nil, reason: String? = nil,
        solution: String? = nil, dueDate: String? = nil, draft: Bool = false
    ) {
        self.target = target
        self.status = status
        self.text = text
        self.office = office
        self.reason = reason
        self.solution = solution
        self.dueDate = dueDate
        self.draft = draft
    }
}

/// An answer refused, with every problem at once in the API's field-error shape.
public struct AnswerRefusal: Error, Sendable, CustomStringConvertible {
    public var errors: [FieldError]
    public var description: String { errors.map { "\($0.messageVI) — \($0.messageEN)" }.joined(separator: "\n") }
}

/// The rules an answer must follow. The one that matters most: "cannot be implemented yet" is
/// only acceptable with the reason and the proposed solution, as the follow-up reports require.
public enum AnswerRules {
    public static let officeLimit = 200
    public static let textLimit = 4_000
    public static let noteLimit = 2_000

    public struct Checked: Sendable, Equatable {
        public var status: AnswerStatus
        public var office: String
        public var text: String
        public var reason: String?
        public var solution: String?
        public var dueDate: String?
    }

    /// Checks a request against the target's latest version (for the office and due date it keeps).
    public static func check(_ request: AnswerRequest, previous: AnswerVersion?) -> Result<Checked, AnswerRefusal> {
        var errors: [FieldError] = []
        func clean(_ field: String, _ value: String?, limit: Int, label: (vi: String, en: String)) -> String? {
            guard let value else { return nil }
            let text = value.nfc.trimmedWhitespace
            if text.isEmpty { return nil }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0) }) {
                errors.append(
                    FieldError(
                        field: field, code: .invalidText,
                        vi: "«\(label.vi)» có ký tự điều khiển không hợp lệ",
                        en: "«\(label.en)» contains control characters"))
                return nil
            }
            if text.count > limit {
                errors.append(
                    FieldError(
                        field: field, code: .tooLong,
                        vi: "«\(label.vi)» dài \(text.count) ký tự, tối đa \(limit) ký tự",
                        en: "«\(label.en)» is \(text.count) characters long; the limit is \(limit)"))
                return nil
            }
            return text
        }

        var status: AnswerStatus?
        switch request.status.map({ $0.trimmedWhitespace }) {
        case nil, "":
            errors.append(
                FieldError(
                    field: "status", code: .missingRequired,
                    vi: "Cần chọn trạng thái trả lời: \(AnswerStatus.codeList)",
                    en: "a status is required: \(AnswerStatus.codeList)"))
        case let code?:
            status = AnswerStatus(rawValue: code)
            if status == nil {
                errors.append(
                    FieldError(
                        field: "status", code: .unknownChoice,
                        vi: "Trạng thái «\(code.prefix(40))» không có; dùng: \(AnswerStatus.codeList)",
                        en: "unknown status «\(code.prefix(40))»; use: \(AnswerStatus.codeList)"))
            }
        }
        let office =
            clean("office", request.office, limit: officeLimit, label: ("Cơ quan trả lời", "Responding office"))
            ?? previous?.office
        if office == nil, !errors.contains(where: { $0.field == "office" }) {
            errors.append(
                FieldError(
                    field: "office", code: .missingRequired,
                    vi: "Cần ghi cơ quan trả lời, ví dụ «Phòng GD&ĐT quận»",
                    en: "the responding office is required, e.g. «Phòng GD&ĐT quận»"))
        }
        let text = clean("text", request.text, limit: textLimit, label: ("Nội dung trả lời", "Answer text"))
        if text == nil, let status, status != .unanswered, !errors.contains(where: { $0.field == "text" }) {
            errors.append(
                FieldError(
                    field: "text", code: .missingRequired,
                    vi: "Cần ghi nội dung trả lời để các em được nghe câu trả lời",
                    en: "the answer text is required: it is what the children will hear"))
        }
        let reason = clean("reason", request.reason, limit: noteLimit, label: ("Nguyên nhân", "Reason"))
        let solution = clean("solution", request.solution, limit: noteLimit, label: ("Giải pháp đề xuất", "Proposed solution"))
        if status == .cannotImplement {
            if reason == nil, !errors.contains(where: { $0.field == "reason" }) {
                errors.append(
                    FieldError(
                        field: "reason", code: .missingRequired,
                        vi: "«Chưa thể thực hiện» phải ghi rõ nguyên nhân",
                        en: "«cannot be implemented yet» needs the reason"))
            }
            if solution == nil, !errors.contains(where: { $0.field == "solution" }) {
                errors.append(
                    FieldError(
                        field: "solution", code: .missingRequired,
                        vi: "«Chưa thể thực hiện» phải ghi giải pháp đề xuất",
                        en: "«cannot be implemented yet» needs the proposed solution"))
            }
        }
        var dueDate = previous?.dueDate
        if let given = request.dueDate?.trimmedWhitespace, !given.isEmpty {
            if CalendarDate(given) == nil {
                errors.append(
                    FieldError(
                        field: "dueDate", code: .wrongType,
                        vi: "Hạn trả lời phải có dạng YYYY-MM-DD, không phải «\(given.prefix(40))»",
                        en: "the due date must be YYYY-MM-DD, not «\(given.prefix(40))»"))
            } else {
                dueDate = given
            }
        }
        guard errors.isEmpty, let status, let office else { return .failure(AnswerRefusal(errors: errors)) }
        return .success(
            Checked(
                status: status, office: office, text: text ?? "", reason: reason, solution: solution,
                dueDate: dueDate))
    }
}
