import Foundation
import GRDB
import Storage

extension AppDatabase {
    /// Every answer version stored here (written here or received from above), in publication
    /// order, drafts last.
    public func answerVersions() async throws -> [AnswerVersion] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(AnswerVersion.columns) FROM answers ORDER BY published_seq IS NULL, published_seq, drafted_at
                    """
            ).map(AnswerVersion.init(row:))
        }
    }

    /// Where the pull of answers from `upstream` stands: its cursor and the last error, if any.
    public func answerPull(upstream: String) async throws -> (cursor: Int64, lastError: String?)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT cursor, last_error FROM answer_pulls WHERE upstream = ?", arguments: [upstream])
                .map { ($0[0], $0[1]) }
        }
    }
}
