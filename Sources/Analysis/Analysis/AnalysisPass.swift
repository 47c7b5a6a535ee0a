import Forms
import Foundation
import GRDB
import Storage

/// Classifies every entry not yet analysed and places it in an issue, once. Run in the background
/// by the server and before every report; a second run right after the first does nothing.
public struct AnalysisPass: Sendable {
    public let database: AppDatabase
    public let forms: FormVersions
    public var chunkSize = 5_000
    /// Threads of the caller's own for the pass, its reads included. The server runs its
    /// background passes on low-priority threads (WebApp's `BackgroundExecutor`); with nil, reads
    /// and writes are GRDB's asynchronous ones, on GRDB's queues. Why: GRDB's queues run above the
    /// requests (QoS `.userInitiated`, nice −2 on Linux), and with the analysis catching up after
    /// a busy minute its reads and writes took about 2.4 s of CPU in every 10 s from the requests'
    /// two cores (issue 19; BENCHMARKS.md).
    public var executor: (any TaskExecutor)?

    /// Awaited before each chunk after the first, where the pass holds nothing: the server's
    /// background passes give way there while requests are arriving (WebApp's `RequestLoad`).
    public var giveWay: (@Sendable () async -> Void)?

    /// Awaited after a chunk is placed in issues and before it is written: a test holds one pass
    /// there to make two passes collide as they can under load (`AnalysisPassTests`).
    var beforeWrite: (@Sendable () async -> Void)?

    /// With an executor, the pass's writes run here, at the requests' priority (nice 0), neither
    /// above them (GRDB's queue) nor below (the pass's threads): a write holds the database's one
    /// write lock, and on a thread at nice 10 a write paused by the scheduler kept the submissions'
    /// writer waiting (an ingest p99 of 212 ms in one 20-second run). Blocking, one at a time.
    private static let writes = DispatchQueue(label: "tiengnoi.analysis-writes", qos: .default)

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        // A nested function is a synchronous context: there, `read` is GRDB's blocking one, and
        // reading blocks only the pass's own thread (a reader never holds up the writer in WAL).
        func onThisThread() throws -> T { try database.read(body) }
        return executor == nil ? try await database.read(body) : try onThisThread()
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard executor != nil else { return try await database.write(body) }
        return try await withCheckedThrowingContinuation { continuation in
            Self.writes.async { [database] in continuation.resume(with: Result { try database.write(body) }) }
        }
    }

    public init(database: AppDatabase, forms: FormVersions) {
        self.database = database
        self.forms = forms
    }

    /// Analyses everything new; returns how many entries it analysed.
    /// Three stages overlap: the next chunk is read and classified (spread over the cores) while
    /// the current one is placed in issues, and the previous one is written. Placement needs only
    /// the in-memory index, so it need not wait for the write before it; writes stay in order, one
    /// at a time, each with its watermark.
    ///
    /// Two passes over one database (the server's and a command's, or two in one process that do
    /// not share an `AnalysisRunner`) would each place the same new entries in their own copy of
    /// the issue index and write two issues for one request. So each write first checks that the
    /// watermark is still where this pass read it; when another pass moved it, this one drops its
    /// work and starts again from the other's issues (`Overtaken`).
    @discardableResult
    public func run(now: Date = Date()) async throws -> Int {
        var attempt = 1
        while true {
            do {
                return try await runOnce(now: now)
            } catch is Overtaken where attempt < Self.attempts {
                attempt += 1
            }
        }
    }

    /// Another pass wrote entries this one was about to write.
    struct Overtaken: Error, CustomStringConvertible {
        var description: String {
            "Một lượt phân tích khác (máy chủ?) liên tục ghi trước; hãy chạy lại sau — "
                + "another analysis pass (the server's?) kept writing first; run this again later"
        }
    }
    /// Each attempt after the first starts from what the other pass wrote; a few suffice unless
    /// passes keep colliding, and then the caller hears of it.
    static let attempts = 5

    private func runOnce(now: Date) async throws -> Int {
        let weighting = try await Self.sharedWeighting()
        let models = ModelCache(forms: forms, database: database)
        var indexes: [String: IssueIndex] = [:]
        var total = 0
        if try await read({ try AnalysisStore.termsAreOutdated($0) }) {
            try await write { _ = try AnalysisStore.recentreIfTermsChanged($0, weighting: weighting) }
        }
        let start = try await read { try AnalysisStore.watermark($0) }
        // Where the watermark must stand when the next chunk is written: this pass's own last write.
        var claimed = start
        var current = try await prepare(after: start, models: models, weighting: weighting)
        // The write of the previous chunk, still running while the current one is placed.
        var writing: Task<Void, any Error>?
        defer { writing?.cancel() }
        while let chunk = current {
            async let upcoming =
                chunk.entries.count < chunkSize
                ? nil : prepare(after: chunk.entries.last!.seq, models: models, weighting: weighting)
            let stamp = Timestamp.string(now)
            var saves: [AnalysisStore.FormResults] = []
            for formID in Set(chunk.entries.map(\.formID)).sorted() {
                if indexes[formID] == nil {
                    let stored = try await read { try AnalysisStore.issues($0, formID: formID) }
                    indexes[formID] = IssueIndex(issues: stored)
                }
                var index = indexes[formID]!
                var analysed: [AnalysisStore.Analysed] = []
                for (entry, prediction) in zip(chunk.entries, chunk.predictions) where entry.formID == formID {
                    let validChosen = entry.chosenTheme.flatMap { models.themeCodes(entry)?.contains($0) == true ? $0 : nil }
                    let theme = validChosen ?? prediction.theme
                    // A disclosure is not grouped with others' requests: it goes to a person, not an issue.
                    let issueID =
                        entry.safeguarding
                        ? nil
                        : index.place(
                            vector: prediction.vector, theme: theme,
                            text: entry.voice, participants: entry.participants)
                    analysed.append(
                        AnalysisStore.Analysed(
                            entry: entry, theme: theme, source: validChosen == nil ? "model" : "child",
                            predictedTheme: prediction.theme, confidence: prediction.confidence,
                            needsReview: validChosen == nil && prediction.needsReview,
                            issueID: issueID, safeguarding: entry.safeguarding))
                }
                saves.append(AnalysisStore.FormResults(formID: formID, analysed: analysed, issues: index.takeChanged()))
                indexes[formID] = index
            }
            let last = chunk.entries.last!.seq
            if let beforeWrite { await beforeWrite() }
            try await writing?.value
            writing = Task { [saves, claimed] in
                try await write { db in
                    guard try AnalysisStore.watermark(db) == claimed else { throw Overtaken() }
                    for results in saves { try AnalysisStore.save(db, results, now: stamp) }
                    try AnalysisStore.setWatermark(last, db)
                }
            }
            claimed = last
            total += chunk.entries.count
            current = try await upcoming
            if current != nil, let giveWay { await giveWay() }
        }
        try await writing?.value
        return total
    }

    struct Chunk: Sendable {
        var entries: [AnalysisStore.PendingEntry]
        var predictions: [ModelCache.Prediction]
    }

    /// The next chunk after `seq`, classified; nil when there is nothing new.
    private func prepare(after seq: Int64, models: ModelCache, weighting: TermWeighting) async throws -> Chunk? {
        let entries = try await read { [chunkSize] db in
            try AnalysisStore.pending(db, after: seq, limit: chunkSize)
        }
        guard !entries.isEmpty else { return nil }
        return Chunk(entries: entries, predictions: try await models.classify(entries, weighting: weighting))
    }

    /// The term weights depend only on the bundled corpus: built once per process.
    static func sharedWeighting() async throws -> TermWeighting {
        try await WeightingCache.shared.value()
    }
}

private actor WeightingCache {
    static let shared = WeightingCache()
    private var cached: TermWeighting?
    func value() throws -> TermWeighting {
        if let cached { return cached }
        let weighting = try TermWeighting.bundled()
        cached = weighting
        return weighting
    }
}

/// One classifier per form version, trained with that form's staff corrections; classification of
/// a chunk is spread over the cores, since each text is independent.
actor ModelCache {
    nonisolated let forms: FormVersions
    let database: AppDatabase
    private var classifiers: [String: ThemeClassifier] = [:]

    init(forms: FormVersions, database: AppDatabase) {
        self.forms = forms
        self.database = database
    }

    struct Prediction: Sendable {
        /// The entry's terms for issue matching, computed alongside the classification.
        var vector: SparseVector
        var theme: String
        var confidence: Double
        var needsReview: Bool
    }

    nonisolated func themeCodes(_ entry: AnalysisStore.PendingEntry) -> [String]? {
        forms.form(id: entry.formID, version: entry.formVersion)?.themes.map(\.code)
    }

    func classify(_ entries: [AnalysisStore.PendingEntry], weighting: TermWeighting) async throws -> [Prediction] {
        var results = [Prediction?](repeating: nil, count: entries.count)
        let groups = Dictionary(grouping: entries.indices, by: { "\(entries[$0].formID)#\(entries[$0].formVersion)" })
        for (key, indices) in groups {
            let first = entries[indices[0]]
            let classifier = try await classifier(key: key, formID: first.formID, version: first.formVersion)
            let texts = indices.map { entries[$0].voice }
            let predictions = await Self.parallelClassify(texts, classifier, weighting)
            for (index, prediction) in zip(indices, predictions) { results[index] = prediction }
        }
        return results.map { $0! }
    }

    private func classifier(key: String, formID: String, version: Int) async throws -> ThemeClassifier {
        if let cached = classifiers[key] { return cached }
        guard let form = forms.form(id: formID, version: version) ?? forms.latest(id: formID) else {
            throw AnalysisError.unknownForm(formID, version)
        }
        let corrections = try await database.read { try AnalysisStore.corrections($0, formID: formID) }
        let classifier = try ThemeClassifier(form: form, corrections: corrections.map { LabelledText(text: $0.text, theme: $0.theme) })
        classifiers[key] = classifier
        return classifier
    }

    static func parallelClassify(_ texts: [String], _ classifier: ThemeClassifier, _ weighting: TermWeighting) async -> [Prediction] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, texts.count / 256 + 1))
        let slice = (texts.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Prediction]).self) { group in
            for worker in 0..<workers {
                let range = (worker * slice)..<min(texts.count, (worker + 1) * slice)
                guard !range.isEmpty else { continue }
                group.addTask {
                    (
                        worker,
                        range.map { index in
                            let text = VietnameseText(texts[index])
                            let prediction = classifier.classify(text)
                            return Prediction(
                                vector: weighting.vector(text), theme: prediction.theme, confidence: prediction.confidence,
                                needsReview: prediction.needsReview)
                        }
                    )
                }
            }
            var parts: [(Int, [Prediction])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

public enum AnalysisError: Error, CustomStringConvertible {
    case unknownForm(String, Int)
    public var description: String {
        switch self {
        case let .unknownForm(id, version): "no definition stored for form \(id) version \(version)"
        }
    }
}
