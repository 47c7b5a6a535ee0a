import Foundation
import GRDB

/// What an answer is about: a whole issue (every entry in it) or one entry on its own.
public enum AnswerTarget: Sendable, Hashable, CustomStringConvertible {
    case issue(String)
    case entry(String)

    public var kind: String {
        switch self {
        case .issue: "issue"
        case .entry: "entry"
        }
    }

    public var id: String {
        switch self {
        case let .issue(id), let .entry(id): id
        }
    }

    public init?(kind: String, id: String) {
        switch kind {
        case "issue": self = .issue(id)
        case "entry": self = .entry(id)
        default: return nil
        }
    }

    public var description: String { "\(kind) \(id)" }
}

/// One version of an answer, as stored in `answers`. Versions are never changed once published:
/// a follow-up (under consideration → implemented) is a newer version, so the history of what the
/// children were told stays. At most one unpublished version (the draft) exists per target.
public struct AnswerVersion: Sendable, Hashable {
    /// A UUID, the same at every level the answer reaches: a unit below stores it at most once.
    public var id: String
    public var target: AnswerTarget
    /// The responding office, e.g. "Phòng GD&ĐT quận".
    public var office: String
    public var status: AnswerStatus
    public var text: String
    public var reason: String?
    public var solution: String?
    /// "YYYY-MM-DD" when staff set it; nil means the campaign's default.
    public var dueDate: String?
    public var draftedAt: String
    /// nil while a draft: a draft is neither shown to children nor sent down.
    public var publishedAt: String?
    /// The order of publication on this instance; what units below page through.
    public var publishedSeq: Int64?
    /// "here" when staff of this instance wrote it, "upstream" when it was pulled from the level above.
    public var source: String

    public var isDraft: Bool { publishedAt == nil }

    public init(
        id: String, target: AnswerTarget, office: String, status: AnswerStatus, text: String,
        reason: String? = nil, solution: String? = nil, dueDate: String? = nil, draftedAt: String,
        publishedAt: String? = nil, publishedSeq: Int64? = nil, source: String = "here"
    ) {
        self.id = id
        self.target = target
        self.office = office
        self.status = status
        self.text = text
        self.reason = reason
        self.solution = solution
        self.dueDate = dueDate
        self.draftedAt = draftedAt
        self.publishedAt = publishedAt
        self.publishedSeq = publishedSeq
        self.source = source
    }

    static let columns = """
        id, target_kind, target_id, office, status, text, reason, solution, due_date, drafted_at,
        published_at, published_seq, source
        """

    /// Reads a row selected with `columns` (optionally prefixed by a table alias).
    init(row: Row) {
        id = row["id"]
        target = AnswerTarget(kind: row["target_kind"], id: row["target_id"]) ?? .issue(row["target_id"])
        office = row["office"]
        status = AnswerStatus(rawValue: row["status"]) ?? .unanswered
        text = row["text"]
        reason = row["reason"]
        solution = row["solution"]
        dueDate = row["due_date"]
        draftedAt = row["drafted_at"]
        publishedAt = row["published_at"]
        publishedSeq = row["published_seq"]
        source = row["source"]
    }

    static func fetch(_ db: Database, id: String) throws -> AnswerVersion? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM answers WHERE id = ?", arguments: [id]).map(AnswerVersion.init(row:))
    }
}
