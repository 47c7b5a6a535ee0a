import Analysis
import Forms
import Foundation
import Reports
import Storage
import Summary

@testable import Answers

enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func defaultForm() throws -> Form {
        try FormLoader.load(path: repositoryRoot.appendingPathComponent("forms/dien-dan-tre-em.yaml").path)
    }
}

/// A fresh database with the default form, two schools, and entries written at chosen times.
struct AnswerWorld {
    let database: AppDatabase
    let form: Form

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tn-answers-\(UUID())").path
        database = try AppDatabase(directory: directory)
        form = try Fixtures.defaultForm()
        _ = try database.registerForms([form])
        _ = try database.upsertSchools([
            School(code: "TH-A", name: "Trường Tiểu học A", ward: "P1", district: "Q", level: .primary),
            School(code: "TH-B", name: "Trường Tiểu học B", ward: "P2", district: "Q", level: .primary),
        ])
    }

    /// Stores one entry received at `at` and returns its id.
    @discardableResult
    func entry(
        _ text: String, kind: String, school: String = "TH-A", theme: String? = nil,
        at: Date = Date()
    ) async throws -> String {
        var answers: [String: JSONValue] = ["school": .string(school), "kind": .string(kind), "text": .string(text)]
        if let theme { answers["theme"] = .string(theme) }
        let validated = try form.validate(answers: answers).get()
        let id = UUID().uuidString.lowercased()
        _ = try await SubmissionWriter(database: database).store(
            NewSubmission(id: id, formID: form.id, formVersion: form.version, validated: validated, source: .api, receivedAt: at))
        return id
    }

    func analyse(now: Date = Date()) async throws {
        try await AnalysisPass(database: database, forms: try database.storedFormVersions()).run(now: now)
    }

    func issue(of entry: String) async throws -> String {
        try await database.issueID(ofEntry: entry)!
    }

    @discardableResult
    func answer(
        _ target: AnswerTarget, _ status: String, text: String? = "Câu trả lời", office: String? = "Phòng GD&ĐT quận",
        reason: String? = nil, solution: String? = nil, due: String? = nil, draft: Bool = false,
        now: Date = Date()
    ) async throws -> AnswerVersion {
        try await AnswerStore(database: database).set(
            AnswerRequest(
                target: target, status: status, text: text, office: office, reason: reason, solution: solution,
                dueDate: due, draft: draft), now: now)
    }

    func tally(policy: AnswerPolicy = AnswerPolicy(), start: String = "2000-01") async throws -> Summary.AnswerTally {
        try await database.read { db in try AnsweredShare.read(db, policy: policy, startMonth: start) }
    }

    /// Stores a summary from a unit below, as the intake route would.
    func receive(
        from sender: String, issues: [Summary.IssueSummary], answers: Summary.AnswerTally? = nil,
        generatedAt: String = "2025-06-15T08:00:00.000Z", key: String = UUID().uuidString
    ) async throws {
        let summary = Summary(
            unit: sender, generatedAt: generatedAt, forms: [],
            totals: .init(
                entries: issues.reduce(0) { $0 + $1.entries }, consultations: 0, activeSchools: 1,
                registeredSchools: 1, safeguardingHeld: 0),
            tallies: [:], issues: issues, includes: [], answers: answers)
        _ = try await database.storeReceivedSummary(
            sender: sender, idempotencyKey: key,
            payload: try JSONEncoder().encode(summary), generatedAt: generatedAt)
    }

    static func reported(_ id: String, school: String, entries: Int = 2) -> Summary.IssueSummary {
        Summary.IssueSummary(
            id: id, theme: "injury_accident", representative: "Cần rào quanh ao cạnh trường",
            entries: entries, participants: entries, schools: [school], origin: school)
    }
}

/// A Vietnam-time instant on a given day: "2025-05-10" at 09:00 in Hà Nội.
func vietnamMorning(_ day: String) -> Date {
    LocalCalendar.startOfDay(day)!.addingTimeInterval(9 * 3600)
}
