import Forms
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import Testing

@testable import WebApp

/// A fresh data folder with the repository's forms and the demo schools, for one test.
struct TestServer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let dataDirectory: String
    var environment: ServerEnvironment

    /// `schools`: a registry CSV instead of the demo schools.
    init(formsDirectory: String? = nil, requireSubmissionKey: Bool = false, schools: String? = nil) throws {
        dataDirectory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("tiengnoi-test-\(UUID().uuidString)").path
        var configuration = ServerConfiguration(
            port: 0, dataDirectory: dataDirectory,
            formsDirectory: formsDirectory ?? Self.repositoryRoot.appendingPathComponent("forms").path)
        configuration.requireSubmissionKey = requireSubmissionKey
        environment = try ServerEnvironment.open(configuration, logger: Logger(label: "test"))
        _ = try SchoolRegistryImport.run(
            path: schools ?? Self.repositoryRoot.appendingPathComponent("scripts/demo-schools.csv").path,
            database: environment.database)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(
            ServerConfiguration(port: 0), environment: environment,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(client) }
    }

    /// A staff account and its API token; the hash is cheap because bcrypt's cost is not under test.
    func staffToken(
        _ username: String, role: StaffRole, school: String? = nil, office: String? = nil,
        safeguarding: Bool = false
    ) throws -> String {
        _ = try environment.database.addUser(
            username: username, passwordHash: "x", role: role, school: school,
            office: office, safeguarding: safeguarding)
        return try environment.database.issueToken(username: username, label: "test").token
    }

    func storedCount() throws -> Int { try environment.database.submissionCount() }

    /// The issue the analysed entry with these exact words was grouped into.
    func issue(ofText text: String) async throws -> String {
        try #require(try await issueIfGrouped(ofText: text))
    }

    /// The same, or nil while the stored entry with these words is not yet analysed.
    func issueIfGrouped(ofText text: String) async throws -> String? {
        let entry = try await environment.database.submissions().first { $0.voice == text }
        return try await environment.database.issueID(ofEntry: try #require(entry).id)
    }

    func thanksPath(_ code: String) throws -> String {
        try formPath(code).replacingOccurrences(of: "?k=", with: "/cam-on?k=")
    }

    /// The school's form address, with its link key.
    func formPath(_ code: String) throws -> String {
        "/f/\(code)?k=" + (try environment.database.schoolLinkKey(School.canonicalCode(code), rotate: false))
    }
}

extension TestClientProtocol {
    /// POSTs JSON text and decodes the answer with the project's own parser.
    func postJSON(
        _ uri: String, _ body: String, contentType: String = "application/json", headers: HTTPFields = [:]
    )
        async throws -> (status: HTTPResponse.Status, json: JSONValue?)
    {
        var fields = headers
        fields[.contentType] = contentType
        return try await execute(
            uri: uri, method: .post, headers: fields,
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, try? JSONParser.parse(Data(response.body.readableBytesView)))
        }
    }

    func getJSON(_ uri: String) async throws -> (status: HTTPResponse.Status, json: JSONValue?) {
        try await execute(uri: uri, method: .get) { response in
            (response.status, try? JSONParser.parse(Data(response.body.readableBytesView)))
        }
    }
}

enum Sample {
    static func envelope(
        id: String? = nil, text: String = "Cháu mong có lớp dạy bơi miễn phí vào hè.",
        school: String = "TH-AN-BINH", extra: String = ""
    ) -> String {
        let idPart = id.map { "\"id\": \"\($0)\", " } ?? ""
        return """
            {\(idPart)"form": "dien-dan-tre-em", "formVersion": 1,
             "answers": {"school": "\(school)", "kind": "recommendation", "text": "\(text)", "grade": 5, "gender": "nu"\(extra)}}
            """
    }

    static func errorCodes(_ json: JSONValue?) -> [String: String] {
        var codes: [String: String] = [:]
        for error in json?.objectValue?["errors"]?.arrayValue ?? [] {
            if let field = error.objectValue?["field"]?.stringValue, let code = error.objectValue?["code"]?.stringValue {
                codes[field] = code
            }
        }
        return codes
    }
}
