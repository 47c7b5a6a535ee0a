import Dispatch
import Foundation
import GRDB
import Logging
import Synchronization

/// The single writer of submissions. Requests that arrive while a transaction is being committed
/// wait together and go into the next one (group commit): one fsync serves many children, and every
/// caller is answered only after its row is on disk.
///
/// Not an actor (issue 19): a request appends its entry under a lock on its own thread and waits;
/// one serial queue runs the commits, each a blocking write on that queue's thread, and resumes
/// the callers. An actor here cost every entry a hop onto the actor, and every commit a task and
/// GRDB's asynchronous hop to its writer and back — thread wake-ups that showed as the kernel's and
/// the concurrency runtime's time in the ingest profile.
public final class SubmissionWriter: Sendable {
    private typealias Waiting = (submission: NewSubmission, continuation: CheckedContinuation<StoreOutcome, any Error>)
    private struct State {
        var pending: [Waiting] = []
        var flushing = false
        var storedSinceStart = 0
    }

    private let database: AppDatabase
    private let state = Mutex(State())
    /// Where the commits run, one at a time.
    private let queue = DispatchQueue(label: "tiengnoi.submission-writer", qos: .userInitiated)
    private let logger: Logger
    /// Most rows in one transaction; bounds the time a caller waits behind others.
    private let maxBatch: Int

    public var storedSinceStart: Int { state.withLock { $0.storedSinceStart } }

    public init(
        database: AppDatabase, maxBatch: Int = 1000,
        logger: Logger = Logger(label: "tiengnoi.writer")
    ) {
        self.database = database
        self.maxBatch = maxBatch
        self.logger = logger
    }

    /// Submissions waiting for the next commit.
    public var queueDepth: Int { state.withLock { $0.pending.count } }

    public func store(_ submission: NewSubmission) async throws -> StoreOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.pending.append((submission, continuation))
                guard !state.flushing else { return false }
                state.flushing = true
                return true
            }
            if start { queue.async { self.flush() } }
        }
    }

    /// Stores many at once (a batch request, an import) and returns one outcome each, in order.
    /// All are queued before the first commit starts, so they share transactions.
    public func store(_ submissions: [NewSubmission]) async -> [Result<StoreOutcome, any Error>] {
        let tasks = submissions.map { submission in
            Task { try await self.store(submission) }
        }
        var results: [Result<StoreOutcome, any Error>] = []
        results.reserveCapacity(tasks.count)
        for task in tasks { results.append(await task.result) }
        return results
    }

    /// Runs on `queue` until nothing is waiting: takes what has gathered, commits it, answers it.
    private func flush() {
        while true {
            let batch: [Waiting]? = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.flushing = false
                    return nil
                }
                // Usually everything waiting: the array is handed over whole, not copied.
                if state.pending.count <= maxBatch {
                    defer { state.pending = [] }
                    return state.pending
                }
                let first = Array(state.pending.prefix(maxBatch))
                state.pending.removeFirst(maxBatch)
                return first
            }
            guard let batch else { return }
            do {
                // A failing INSERT aborts only its own statement in SQLite, so one bad row is answered
                // with its error while the rest of the batch commits.
                let outcomes = try database.write { db in
                    batch.map { waiting in
                        Result { try Self.insert(waiting.submission, db: db) }
                    }
                }
                let created = outcomes.reduce(0) { $0 + ((try? $1.get()) == .created ? 1 : 0) }
                state.withLock { $0.storedSinceStart += created }
                for (waiting, outcome) in zip(batch, outcomes) {
                    waiting.continuation.resume(with: outcome)
                }
            } catch {
                logger.error("group commit failed", metadata: ["rows": "\(batch.count)", "error": "\(error)"])
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    private static let insertSQL = """
        INSERT INTO submissions (id, form_id, form_version, content_hash, answers, school_code, grade, age,
          gender, kind, chosen_theme, participants, voice, consent, received_at, source, safeguarding,
          safeguarding_reasons, written_on)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING
        """

    static func insert(_ submission: NewSubmission, db: Database) throws -> StoreOutcome {
        let roles = submission.roles
        let statement = try db.cachedStatement(sql: insertSQL)
        try statement.execute(arguments: [
            submission.id, submission.formID, submission.formVersion, submission.contentHash,
            submission.answersJSON, roles.school, roles.grade, roles.age, roles.gender, roles.kind,
            roles.theme, roles.participants, roles.voice, roles.consent,
            Timestamp.string(submission.receivedAt), submission.source.rawValue, submission.safeguarding,
            submission.safeguardingReasons.isEmpty ? nil : submission.safeguardingReasons.joined(separator: ", "),
            submission.writtenOn,
        ])
        if db.changesCount == 1 { return .created }
        let stored = try String.fetchOne(
            db, sql: "SELECT content_hash FROM submissions WHERE id = ?", arguments: [submission.id])
        return stored == submission.contentHash ? .duplicate : .conflict
    }
}

extension AppDatabase {
    public func submissionCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissions") ?? 0 }
    }
}
