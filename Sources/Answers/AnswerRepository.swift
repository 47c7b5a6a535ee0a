import Foundation
import Storage
import Summary

/// Who changes an answer, as the store checks it: their name for the audit log, whether they
/// hold the safeguarding permission (needed for a held entry), and a responder's office (they
/// answer only that office's targets, or ones no office holds yet). `console` is the CLI.
public struct AnswerAuthor: Sendable {
    public var name: String
    public var mayAnswerHeld: Bool
    public var office: String?

    public init(name: String, mayAnswerHeld: Bool, office: String?) {
        self.name = name
        self.mayAnswerHeld = mayAnswerHeld
        self.office = office
    }

    public static let console = AnswerAuthor(name: "cli", mayAnswerHeld: true, office: nil)
}

/// What the routes ask of the Answers feature. `SQLiteAnswerRepository` is the implementation on
/// this instance's SQLite database; another engine implements the same (docs/architecture.md).
public protocol AnswerRepository: Sendable {
    func items(_ filter: AnswerBoard.Filter) async throws -> [AnswerItem]
    /// One target's line of the board, or nil when the board has none.
    func item(_ target: AnswerTarget) async throws -> AnswerItem?
    func overdueByOffice(school: String?, wordingOf: String?) async throws -> [(office: String, items: [AnswerItem])]
    func sheet(school: String) async throws -> AnswerSheet
    /// Throws `AnswerRefusal` for an answer breaking a rule, `AnswerProblem` for an unknown target
    /// or one the author may not answer.
    func set(_ request: AnswerRequest, by author: AnswerAuthor) async throws -> AnswerVersion
    func publish(answerID: String, by author: AnswerAuthor) async throws -> AnswerVersion
    /// Every version of a target's answer, oldest first; the draft, if any, last.
    func history(of target: AnswerTarget) async throws -> [AnswerVersion]
    /// Published answers to issues `sender` reported, after position `since` (the feed down).
    func feedPage(for sender: String, since: Int64, limit: Int) async throws -> AnswerPage
}

public struct SQLiteAnswerRepository: AnswerRepository {
    public let database: AppDatabase
    public let policy: AnswerPolicy

    public init(database: AppDatabase, policy: AnswerPolicy) {
        self.database = database
        self.policy = policy
    }

    var board: AnswerBoard { AnswerBoard(database: database, policy: policy) }

    func store(_ author: AnswerAuthor) -> AnswerStore {
        var store = AnswerStore(database: database, actor: author.name)
        store.mayAnswerHeld = author.mayAnswerHeld
        store.office = author.office
        return store
    }

    public func items(_ filter: AnswerBoard.Filter) async throws -> [AnswerItem] { try await board.items(filter) }

    public func item(_ target: AnswerTarget) async throws -> AnswerItem? { try await board.item(target) }

    public func overdueByOffice(school: String?, wordingOf: String?) async throws -> [(office: String, items: [AnswerItem])] {
        try await board.overdueByOffice(school: school, wordingOf: wordingOf)
    }

    public func sheet(school: String) async throws -> AnswerSheet {
        try await AnswerSheet.read(database, school: school, policy: policy)
    }

    public func set(_ request: AnswerRequest, by author: AnswerAuthor) async throws -> AnswerVersion {
        try await store(author).set(request)
    }

    public func publish(answerID: String, by author: AnswerAuthor) async throws -> AnswerVersion {
        try await store(author).publish(answerID: answerID)
    }

    public func history(of target: AnswerTarget) async throws -> [AnswerVersion] {
        try await AnswerStore(database: database).history(of: target)
    }

    public func feedPage(for sender: String, since: Int64, limit: Int) async throws -> AnswerPage {
        try await AnswerFeed(database: database).page(for: sender, since: since, limit: limit)
    }
}
