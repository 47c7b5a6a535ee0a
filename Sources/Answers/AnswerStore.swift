import Forms
import Foundation
import GRDB
import Storage

/// Why an answer could not be recorded or published, in Vietnamese and English.
public struct AnswerProblem: BilingualError, Equatable {
    public enum Kind: String, Sendable {
        case unknownTarget = "unknown_target"
        case ambiguousTarget = "ambiguous_target"
        case noDraft = "no_draft"
        /// An entry held for safeguarding, answered by someone without that permission.
        case forbiddenHeld = "forbidden_safeguarding"
        /// A responder answering another office's issue, or naming another office.
        case forbiddenOffice = "forbidden_office"
    }

    /// True for the kinds that mean "you may not", answered 403 rather than 404.
    public var isForbidden: Bool { kind == .forbiddenHeld || kind == .forbiddenOffice }

    public var kind: Kind
    public var vi: String
    public var en: String

    static let heldEntry = AnswerProblem(
        kind: .forbiddenHeld,
        vi: "Chỉ cán bộ được giao bảo vệ trẻ em mới trả lời được ý kiến này",
        en: "only staff with the safeguarding permission may answer this entry")

    static func otherOffice(_ office: String, own: String?) -> AnswerProblem {
        AnswerProblem(
            kind: .forbiddenOffice,
            vi: "Vấn đề này do «\(office.prefix(80))» trả lời; tài khoản của bạn trả lời cho «\(own ?? "—")»",
            en: "this is answered by «\(office.prefix(80))»; your account answers for «\(own ?? "—")»")
    }

    static func unknown(_ target: AnswerTarget) -> AnswerProblem {
        switch target {
        case let .issue(id):
            AnswerProblem(
                kind: .unknownTarget,
                vi: "Không có vấn đề «\(id.prefix(60))» ở đây hay trong tổng hợp của đơn vị cấp dưới",
                en: "no issue «\(id.prefix(60))» here or in a summary from a unit below")
        case let .entry(id):
            AnswerProblem(kind: .unknownTarget, vi: "Không có ý kiến «\(id.prefix(60))»", en: "no entry «\(id.prefix(60))»")
        }
    }
}

/// Records answers: drafts, published versions, and versions pulled from the level above.
/// Every change runs in one write transaction, so a version is published at most once and the
/// publication order (`published_seq`) has no gaps that a unit below could skip over.
public struct AnswerStore: Sendable {
    public let database: AppDatabase
    /// Who publishes, for the audit log: a staff username, or "cli".
    public var actor: String
    /// Whether the author has the safeguarding permission: only then may an entry held for
    /// safeguarding be answered. The console (the CLI, run by whoever holds the data folder) may.
    public var mayAnswerHeld = true
    /// A responder's office: they answer only targets of that office or with none yet, and cannot
    /// hand a target to another office. nil for admins and the console.
    public var office: String?

    public init(database: AppDatabase, actor: String = "cli") {
        self.database = database
        self.actor = actor
    }

    /// Offices are compared without regard to case or surrounding spaces.
    static func sameOffice(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Throws when this author may not change `target`'s answer (whose latest version is `current`)
    /// to `newOffice`: a held entry without the permission, or another office's target.
    func checkAllowed(_ target: AnswerTarget, current: AnswerVersion?, newOffice: String?, _ db: Database) throws {
        if case let .entry(id) = target, !mayAnswerHeld,
            try Bool.fetchOne(db, sql: "SELECT safeguarding FROM submissions WHERE id = ?", arguments: [id]) == true
        {
            throw AnswerProblem.heldEntry
        }
        guard let own = office else { return }
        if let assigned = current?.office, !Self.sameOffice(assigned, own) { throw AnswerProblem.otherOffice(assigned, own: own) }
        if let newOffice, !newOffice.trimmingCharacters(in: .whitespaces).isEmpty, !Self.sameOffice(newOffice, own) {
            throw AnswerProblem.otherOffice(newOffice, own: own)
        }
    }

    /// The shortest id prefix staff may type on the command line.
    public static let minimumPrefix = 8

    /// What staff typed — a full id, or an unambiguous prefix of at least 8 characters — as a
    /// target: an issue here, an issue reported from below, or an entry.
    public func resolve(_ typed: String) async throws -> AnswerTarget {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.write { db in
            try AnswerRoutes.refresh(db)
            if try Self.issueExists(text, db) { return .issue(text) }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE id = ?)", arguments: [text]) == true {
                return .entry(text)
            }
            guard text.count >= Self.minimumPrefix else { throw AnswerProblem.unknown(.issue(text)) }
            var matches = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM issues WHERE substr(id, 1, length(?1)) = ?1 AND merged_into IS NULL LIMIT 3
                    """, arguments: [text]
            ).map(AnswerTarget.issue)
            matches += try AnswerRoutes.ids(startingWith: text, db).map(AnswerTarget.issue)
            matches += try String.fetchAll(
                db, sql: "SELECT id FROM submissions WHERE substr(id, 1, length(?1)) = ?1 LIMIT 3",
                arguments: [text]
            ).map(AnswerTarget.entry)
            let distinct = Array(Set(matches))
            guard distinct.count == 1 else {
                if distinct.isEmpty { throw AnswerProblem.unknown(.issue(text)) }
                throw AnswerProblem(
                    kind: .ambiguousTarget,
                    vi: "Mã «\(text)» khớp với nhiều vấn đề hoặc ý kiến; hãy gõ dài hơn",
                    en: "«\(text)» matches several issues or entries; type more of it")
            }
            return distinct[0]
        }
    }

    /// Records a new version (or changes the pending draft) and, unless it is a draft, publishes it.
    /// Throws `AnswerRefusal` when the answer breaks a rule, `AnswerProblem` when its target is unknown.
    @discardableResult
    public func set(_ request: AnswerRequest, now: Date = Date()) async throws -> AnswerVersion {
        try await database.write { db in
            try AnswerRoutes.refresh(db)
            let target = try Self.existingTarget(request.target, db)
            let previous = try Self.latestVersion(of: target, db)
            try checkAllowed(target, current: previous, newOffice: request.office, db)
            let checked = try AnswerRules.check(request, previous: previous).get()
            let stamp = Timestamp.string(now)
            let draftID = try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM answers WHERE target_kind = ? AND target_id = ? AND published_at IS NULL
                    """, arguments: [target.kind, target.id])
            let id = draftID ?? UUID().uuidString.lowercased()
            if draftID == nil {
                try db.execute(
                    sql: """
                        INSERT INTO answers (id, target_kind, target_id, office, status, text, reason, solution, due_date,
                                             drafted_at, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'here')
                        """,
                    arguments: [
                        id, target.kind, target.id, checked.office, checked.status.rawValue, checked.text,
                        checked.reason, checked.solution, checked.dueDate, stamp,
                    ])
            } else {
                try db.execute(
                    sql: """
                        UPDATE answers SET office = ?, status = ?, text = ?, reason = ?, solution = ?, due_date = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        checked.office, checked.status.rawValue, checked.text, checked.reason,
                        checked.solution, checked.dueDate, id,
                    ])
            }
            if !request.draft { try Self.publish(id, at: stamp, actor: actor, db) }
            return try AnswerVersion.fetch(db, id: id)!
        }
    }

    /// Publishes a draft by its answer id. Publishing one already published changes nothing, so a
    /// double click on the dashboard is harmless.
    @discardableResult
    public func publish(answerID: String, now: Date = Date()) async throws -> AnswerVersion {
        let id = answerID.lowercased()
        return try await database.write { [actor] db in
            guard let version = try AnswerVersion.fetch(db, id: id) else {
                throw AnswerProblem(
                    kind: .noDraft, vi: "Không có bản trả lời «\(id.prefix(60))»",
                    en: "no answer «\(id.prefix(60))»")
            }
            try checkAllowed(version.target, current: version, newOffice: nil, db)
            guard version.isDraft else { return version }
            try Self.publish(id, at: Timestamp.string(now), actor: actor, db)
            return try AnswerVersion.fetch(db, id: id)!
        }
    }

    /// Publishes the pending draft of a target.
    @discardableResult
    public func publishDraft(of target: AnswerTarget, now: Date = Date()) async throws -> AnswerVersion {
        let id = try await database.read { db in
            try String.fetchOne(
                db, sql: "SELECT id FROM answers WHERE target_kind = ? AND target_id = ? AND published_at IS NULL",
                arguments: [target.kind, target.id])
        }
        guard let id else {
            throw AnswerProblem(
                kind: .noDraft, vi: "Không có bản nháp nào cho \(Self.describeVI(target))",
                en: "there is no draft for \(target)")
        }
        return try await publish(answerID: id, now: now)
    }

    /// Every version of a target, oldest first; the draft, if any, last.
    public func history(of target: AnswerTarget) async throws -> [AnswerVersion] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(AnswerVersion.columns) FROM answers WHERE target_kind = ? AND target_id = ?
                    ORDER BY published_seq IS NULL, published_seq
                    """, arguments: [target.kind, target.id]
            ).map(AnswerVersion.init(row:))
        }
    }

    static func describeVI(_ target: AnswerTarget) -> String {
        switch target {
        case let .issue(id): "vấn đề \(id)"
        case let .entry(id): "ý kiến \(id)"
        }
    }

    /// Publishes and records it in the audit log, in the same transaction.
    static func publish(_ id: String, at stamp: String, actor: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE answers SET published_at = ?,
                  published_seq = (SELECT coalesce(max(published_seq), 0) + 1 FROM answers)
                WHERE id = ? AND published_at IS NULL
                """, arguments: [stamp, id])
        guard db.changesCount == 1, let version = try AnswerVersion.fetch(db, id: id) else { return }
        try AppDatabase.audit(
            db, actor: actor, action: "answer.publish",
            detail: "\(version.target) \(version.status.rawValue)", now: Timestamp.date(stamp) ?? Date())
    }

    static func issueExists(_ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM issues WHERE id = ?)", arguments: [id]) == true
            || AnswerRoutes.isKnown(id, db)
    }

    /// The target as answers should name it: an issue merged into another is answered on the one
    /// that absorbed it, where its entries now are.
    static func existingTarget(_ target: AnswerTarget, _ db: Database) throws -> AnswerTarget {
        switch target {
        case let .issue(id):
            if let row = try Row.fetchOne(db, sql: "SELECT merged_into FROM issues WHERE id = ?", arguments: [id]) {
                let mergedInto: String? = row[0]
                return .issue(mergedInto ?? id)
            }
            guard try AnswerRoutes.isKnown(id, db) else { throw AnswerProblem.unknown(target) }
            return target
        case let .entry(id):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE id = ?)", arguments: [id]) == true else {
                throw AnswerProblem.unknown(target)
            }
            return target
        }
    }

    /// The draft if there is one, else the newest published version.
    static func latestVersion(of target: AnswerTarget, _ db: Database) throws -> AnswerVersion? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT \(AnswerVersion.columns) FROM answers WHERE target_kind = ? AND target_id = ?
                ORDER BY published_seq IS NULL DESC, published_seq DESC LIMIT 1
                """, arguments: [target.kind, target.id]
        ).map(AnswerVersion.init(row:))
    }
}
