import Foundation
import GRDB
import Logging

/// The single writer of submissions. Requests that arrive while a transaction is being committed
/// wait together and go into the next one (group commit): one fsync serves many children, and every
/// caller is answered only after its row is on disk.
public actor SubmissionWriter {
    private let database: AppDatabase
    private var pending: [(NewSubmission, CheckedContinuation<StoreOutcome, any Error>)] = []
    private var flushing = false
    private let logger: Logger
    /// Most rows in one transaction; bounds the time a caller waits behind others.
    private let maxBatch: Int

    public private(set) var storedSinceStart = 0

    public init(
        database: AppDatabase, maxBatch: Int = 1000,
        logger: Logger = Logger(label: "tiengnoi.writer")
    ) {
        self.database = database
        self.maxBatch = maxBatch
        self.logger = logger
    }

    /// Submissions waiting for the next commit.
    public var queueDepth: Int { pending.count }

    public func store(_ submission: NewSubmission) async throws -> StoreOutcome {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((submission, continuation))
            startFlushingIfIdle()
        }
    }

    /// Stores many at once (a batch request, an import) and returns one outcome each, in order.
    /// All are queued before the first commit starts, so they share transactions.
    public nonisolated func store(_ submissions: [NewSubmission]) async -> [Result<StoreOutcome, any Error>] {
        let tasks = submissions.map { submission in
            Task { try await self.store(submission) }
        }
        var results: [Result<StoreOutcome, any Error>] = []
        results.reserveCapacity(tasks.count)
        for task in tasks { results.append(await task.result) }
        return results
    }

    private func startFlushingIfIdle() {
        guard !flushing else { return }
        flushing = true
        Task { await self.flush() }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let submissions = batch.map(\.0)
            do {
                // A failing INSERT aborts only its own statement in SQLite, so one bad row is answered
                // with its error while the rest of the batch commits.
                let outcomes = try await database.write { db in
                    submissions.map { submission in
                        Result { try Self.insert(submission, db: db) }
                    }
                }
                storedSinceStart += outcomes.filter { (try? $0.get()) == .created }.count
                for ((_, continuation), outcome) in zip(batch, outcomes) {
                    continuation.resume(with: outcome)
                }
            } catch {
                logger.error("group commit failed", metadata: ["rows": "\(batch.count)", "error": "\(error)"])
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        flushing = false
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
