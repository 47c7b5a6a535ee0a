import Forms
import Foundation
import Storage
import Summary

@testable import Analysis

enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func defaultForm() throws -> Form {
        try FormLoader.load(path: repositoryRoot.appendingPathComponent("forms/dien-dan-tre-em.yaml").path)
    }

    /// A new database in the temporary folder holding the default form and one school, TH-A.
    static func databaseWithDefaultForm(named prefix: String) throws -> (database: AppDatabase, form: Form) {
        let database = try AppDatabase(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())").path)
        let form = try defaultForm()
        _ = try database.registerForms([form])
        _ = try database.upsertSchools([School(code: "TH-A", name: "Trường Tiểu học A", ward: "P1", district: "Q", level: .primary)])
        return (database, form)
    }

    /// A child's recommendation from TH-A, stored as the API stores it (not yet analysed); its id.
    static func store(_ text: String, theme: String, in database: AppDatabase, form: Form) async throws -> String {
        let answers: [String: JSONValue] = [
            "school": .string("TH-A"), "kind": .string("recommendation"), "text": .string(text), "theme": .string(theme),
        ]
        let id = UUID().uuidString.lowercased()
        _ = try await SubmissionWriter(database: database).store(
            NewSubmission(
                id: id, formID: form.id, formVersion: form.version, validated: try form.validate(answers: answers).get(),
                source: .api, receivedAt: Date()))
        return id
    }

    /// Trained once: every test that only reads the default classifier shares it.
    static let defaultClassifier: Result<ThemeClassifier, any Error> = Result { try ThemeClassifier(form: try defaultForm()) }

    static func theme(_ code: String, keywords: [String]) -> Theme {
        Theme(code: code, name: LocalizedText(vi: code), description: LocalizedText(vi: ""), keywords: keywords)
    }

    static func form(themes: [Theme]) -> Form {
        Form(id: "thu-nghiem", version: 1, title: LocalizedText(vi: "Thử nghiệm"), themes: themes, fields: [])
    }
}
