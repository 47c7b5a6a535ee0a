import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import WebApp

/// The routes talk to storage through protocols: another engine's implementation (here a small
/// in-memory one, as hummingbird-examples' TodoMemoryRepository) serves them unchanged.
@Suite("Repositories behind protocols")
struct RepositorySwapTests {
    final class MemoryAccounts: AccountRepository, @unchecked Sendable {
        let user = StaffUser(id: "u1", username: "bo-nho", role: .viewer, school: nil, office: nil, safeguarding: false)
        var records: [String] = []
        func account(username: String) async throws -> AppDatabase.UserRow? { nil }
        func staff(forToken token: String) async throws -> StaffUser? { token == "tn_memory" ? user : nil }
        func startSession(userID: String, lifetime: TimeInterval) async throws -> (token: String, csrf: String) { ("s", "c") }
        func session(forToken token: String) async throws -> (user: StaffUser, csrf: String)? { nil }
        func endSession(forToken token: String) async throws {}
        func record(actor: String, action: String, detail: String) async throws { records.append(action) }
    }

    @Test func anotherAccountStoreServesTheSameRoutes() async throws {
        var server = try TestServer()
        server.environment.accounts = MemoryAccounts()
        try await server.test { client in
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer tn_memory"]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(me.0 == .ok && me.1.contains("\"username\":\"bo-nho\""))
            let stranger = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer tn_other"]) {
                $0.status
            }
            #expect(stranger == .unauthorized)
        }
    }
}
