import Forms
import Foundation
import Summary

@testable import Analysis

enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func defaultForm() throws -> Form {
        try FormLoader.load(path: repositoryRoot.appendingPathComponent("forms/dien-dan-tre-em.yaml").path)
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
