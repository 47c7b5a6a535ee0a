import Foundation
import GRDB

/// Every target's newest published answer and pending draft, read in one query. The answers table
/// holds one row per version staff wrote, so it stays small next to the entries.
struct AnswerIndex {
    /// Newest published version per live issue: answers given to an issue later merged into
    /// another count for the one that absorbed it.
    var issues: [String: AnswerVersion] = [:]
    var entries: [String: AnswerVersion] = [:]
    var issueDrafts: [String: AnswerVersion] = [:]
    var entryDrafts: [String: AnswerVersion] = [:]

    static func read(_ db: Database) throws -> AnswerIndex {
        var index = AnswerIndex()
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT \(AnswerVersion.columns), (SELECT merged_into FROM issues i WHERE i.id = answers.target_id) AS merged_into
                FROM answers ORDER BY published_seq
                """)
        {
            let version = AnswerVersion(row: row)
            let mergedInto: String? = row["merged_into"]
            switch (version.target, version.isDraft) {
            case let (.issue(id), false): index.issues[mergedInto ?? id] = version
            case let (.entry(id), false): index.entries[id] = version
            case let (.issue(id), true): index.issueDrafts[id] = version
            case let (.entry(id), true): index.entryDrafts[id] = version
            }
        }
        return index
    }

    /// What an entry's children were told last: its own answer or its issue's, whichever is newer.
    func effective(entry: String, issue: String?) -> AnswerVersion? {
        let own = entries[entry]
        let shared = issue.flatMap { issues[$0] }
        switch (own, shared) {
        case let (own?, shared?): return (own.publishedSeq ?? 0) > (shared.publishedSeq ?? 0) ? own : shared
        default: return own ?? shared
        }
    }
}
