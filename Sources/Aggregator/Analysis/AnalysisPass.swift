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

    public init(database: AppDatabase, forms: FormVersions) {
        self.database = database
        self.forms = forms
    }

    /// Analyses everything new; returns how many entries it analysed.
    @discardableResult
    public func run(now: Date = Date()) async throws -> Int {
        let weighting = try await Self.sharedWeighting()
        var models = ModelCache(forms: forms, database: database)
        var indexes: [String: IssueIndex] = [:]
        var total = 0
        var watermark = try await database.pool.read { try AnalysisStore.watermark($0) }
        while true {
            let entries = try await database.pool.read { [chunkSize, watermark] db in
                try AnalysisStore.pending(db, after: watermark, limit: chunkSize)
            }
            guard let last = entries.last else { break }
            let byForm = Dictionary(grouping: entries, by: \.formID)
            let stamp = Timestamp.string(now)
            var saves: [(String, [AnalysisStore.Analysed], [IssueIndex.Issue])] = []
            for (formID, formEntries) in byForm {
                if indexes[formID] == nil {
                    let stored = try await database.pool.read { try AnalysisStore.issues($0, formID: formID) }
                    indexes[formID] = IssueIndex(issues: stored)
                }
                let predictions = try await models.classify(formEntries)
                var index = indexes[formID]!
                var analysed: [AnalysisStore.Analysed] = []
                analysed.reserveCapacity(formEntries.count)
                for (entry, prediction) in zip(formEntries, predictions) {
                    let validChosen = entry.chosenTheme.flatMap { models.themeCodes(entry)?.contains($0) == true ? $0 : nil }
                    let theme = validChosen ?? prediction.theme
                    let vector = weighting.vector(prediction.text, theme: theme)
                    let issueID = index.place(vector: vector, theme: theme, text: entry.voice,
                                              participants: entry.participants)
                    analysed.append(AnalysisStore.Analysed(
                        entry: entry, theme: theme, source: validChosen == nil ? "model" : "child",
                        predictedTheme: prediction.theme, confidence: prediction.confidence,
                        needsReview: validChosen == nil && prediction.needsReview,
                        issueID: issueID, safeguarding: false))
                }
                saves.append((formID, analysed, index.takeChanged()))
                indexes[formID] = index
            }
            try await database.pool.write { [saves] db in
                for (formID, analysed, issues) in saves {
                    try AnalysisStore.save(db, formID: formID, analysed: analysed, issues: issues, now: stamp)
                }
                try AnalysisStore.setWatermark(last.rowid, db)
            }
            total += entries.count
            watermark = last.rowid
            if entries.count < chunkSize { break }
        }
        return total
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
struct ModelCache {
    let forms: FormVersions
    let database: AppDatabase
    private var classifiers: [String: ThemeClassifier] = [:]

    init(forms: FormVersions, database: AppDatabase) {
        self.forms = forms
        self.database = database
    }

    struct Prediction: Sendable {
        var text: VietnameseText
        var theme: String
        var confidence: Double
        var needsReview: Bool
    }

    func themeCodes(_ entry: AnalysisStore.PendingEntry) -> [String]? {
        forms.form(id: entry.formID, version: entry.formVersion)?.themes.map(\.code)
    }

    mutating func classify(_ entries: [AnalysisStore.PendingEntry]) async throws -> [Prediction] {
        var results = [Prediction?](repeating: nil, count: entries.count)
        let groups = Dictionary(grouping: entries.indices, by: { "\(entries[$0].formID)#\(entries[$0].formVersion)" })
        for (key, indices) in groups {
            let first = entries[indices[0]]
            let classifier = try await classifier(key: key, formID: first.formID, version: first.formVersion)
            let texts = indices.map { entries[$0].voice }
            let predictions = await Self.parallelClassify(texts, classifier)
            for (index, prediction) in zip(indices, predictions) { results[index] = prediction }
        }
        return results.map { $0! }
    }

    private mutating func classifier(key: String, formID: String, version: Int) async throws -> ThemeClassifier {
        if let cached = classifiers[key] { return cached }
        guard let form = forms.form(id: formID, version: version) ?? forms.latest(id: formID) else {
            throw AnalysisError.unknownForm(formID, version)
        }
        let corrections = try await database.pool.read { try AnalysisStore.corrections($0, formID: formID) }
        let classifier = try ThemeClassifier(form: form, corrections: corrections.map { LabelledText(text: $0.text, theme: $0.theme) })
        classifiers[key] = classifier
        return classifier
    }

    static func parallelClassify(_ texts: [String], _ classifier: ThemeClassifier) async -> [Prediction] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, texts.count / 256 + 1))
        let slice = (texts.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Prediction]).self) { group in
            for worker in 0..<workers {
                let range = (worker * slice)..<min(texts.count, (worker + 1) * slice)
                guard !range.isEmpty else { continue }
                group.addTask {
                    (worker, range.map { index in
                        let text = VietnameseText(texts[index])
                        let prediction = classifier.classify(text)
                        return Prediction(text: text, theme: prediction.theme, confidence: prediction.confidence,
                                          needsReview: prediction.needsReview)
                    })
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
