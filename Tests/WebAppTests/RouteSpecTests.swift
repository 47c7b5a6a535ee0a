import Foundation
import Hummingbird
import Testing
import Yams

@testable import WebApp

/// The routes are declared once, by the controllers; the router's own list must be exactly what
/// `openapi.yaml` describes, both ways, so the description clients read cannot drift.
@Suite("Routes and openapi.yaml")
struct RouteSpecTests {
    static func specified() throws -> Set<String> {
        let text = try String(
            contentsOf: TestServer.repositoryRoot.appendingPathComponent("Sources/WebApp/Resources/openapi.yaml"),
            encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        var routes: Set<String> = []
        for (path, operations) in paths {
            for method in (operations as? [String: Any] ?? [:]).keys
            where ["get", "put", "post", "delete", "patch"].contains(method) {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    static func registered(_ server: TestServer) -> Set<String> {
        Set(buildRouter(server.environment).routes.filter { $0.method != .head }.map { "\($0.method.rawValue) \($0.path)" })
    }

    @Test func everyRouteIsInTheSpecAndEveryOperationIsARoute() throws {
        let server = try TestServer()
        let registered = Self.registered(server)
        let specified = try Self.specified()
        #expect(registered.subtracting(specified).sorted() == [], "routes missing from openapi.yaml")
        #expect(specified.subtracting(registered).sorted() == [], "operations in openapi.yaml the server does not have")
        #expect(registered.count > 20)
    }

    /// The 405 answers come from the same registration: a known path asked with another method.
    @Test func aKnownPathWithAnotherMethodIsAnswered405WithAllow() async throws {
        let server = try TestServer()
        try await server.test { client in
            let answer = try await client.execute(uri: "/api/v1/submissions", method: .get) { $0 }
            #expect(answer.status == .methodNotAllowed)
            #expect(answer.headers[.allow] == "POST")
            let forms = try await client.execute(uri: "/api/v1/forms", method: .delete) { $0 }
            #expect(forms.status == .methodNotAllowed && forms.headers[.allow] == "GET, HEAD")
            #expect(try await client.execute(uri: "/khong-co", method: .get) { $0.status } == .notFound)
        }
    }
}
