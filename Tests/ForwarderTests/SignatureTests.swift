import Foundation
import Testing
import WebApp

@testable import Forwarder

@Suite("X-TiengNoi-Signature")
struct SignatureTests {
    let secret = try! UpstreamSecret("correct-horse-battery-staple")
    let body = Data(#"{"unit":"TH-AN-BINH"}"#.utf8)

    func sign(
        sender: String = "TH-AN-BINH", key: String = "k-1", timestamp: Int64 = 1_700_000_000, body: Data? = nil,
        secret: UpstreamSecret? = nil
    ) -> String {
        RequestSignature.sign(
            secret: secret ?? self.secret, sender: sender, idempotencyKey: key, timestamp: timestamp,
            body: body ?? self.body)
    }

    func valid(
        _ header: String, sender: String = "TH-AN-BINH", key: String = "k-1", timestamp: Int64 = 1_700_000_000,
        body: Data? = nil, secret: UpstreamSecret? = nil
    ) -> Bool {
        RequestSignature.isValid(
            header, secret: secret ?? self.secret, sender: sender, idempotencyKey: key,
            timestamp: timestamp, body: body ?? self.body)
    }

    /// Computed independently with Python:
    /// hmac.new(secret, b"tiengnoi-v2\nTH-AN-BINH\nk-1\n1700000000\n" + body, sha256).hexdigest()
    @Test func matchesAnIndependentHMAC() {
        #expect(sign() == "v2=81d3f212ae61712cc82a7c46511b0af0d3cb55dee3163ccc4c822d2d2c1c3208")
    }

    @Test func verifiesItsOwnAndRefusesAnyChange() throws {
        let signature = sign()
        #expect(valid(signature))
        #expect(valid(signature.uppercased().replacingOccurrences(of: "V2=", with: "v2=")))
        #expect(!valid(signature, timestamp: 1_700_000_001))
        #expect(!valid(signature, body: Data(#"{"unit":"TH-AN-BINH" }"#.utf8)))
        #expect(!valid(signature, secret: try UpstreamSecret("correct-horse-battery-stapler")))
    }

    /// A captured push replayed under a fresh Idempotency-Key, or by another unit, does not verify.
    @Test func coversTheSenderAndTheIdempotencyKey() {
        let signature = sign()
        #expect(!valid(signature, key: "k-2"))
        #expect(!valid(signature, key: ""))
        #expect(!valid(signature, sender: "TH-LE-LOI"))
        // The parts cannot be shifted into each other: the separators are inside the MAC.
        #expect(!valid(sign(sender: "TH-AN-BINH\nk", key: "1"), key: "k-1"))
    }

    @Test func refusesMalformedHeaders() {
        let good = sign()
        let hex = String(good.dropFirst(3))
        for header in [
            "", "v2=", "sha256=" + hex, "sha1=119376e8", hex, "v2=" + hex.dropLast(), "v2=" + hex.dropLast(2),
            "v2=zz" + hex.dropFirst(2),
        ] {
            #expect(!valid(header), "\(header)")
        }
    }

    @Test func secretIsTrimmedAndMustBeLongEnough() throws {
        #expect(try UpstreamSecret("correct-horse-battery-staple\n").text == "correct-horse-battery-staple")
        #expect(throws: SecretProblem.self) { try UpstreamSecret("short\n") }
        let fromEnvironment = try UpstreamSecret.load(file: nil, environment: [UpstreamSecret.environmentVariable: "0123456789abcdef0"])
        #expect(fromEnvironment.text == "0123456789abcdef0")
        #expect(throws: SecretProblem.self) { try UpstreamSecret.load(file: nil, environment: [:]) }
        #expect(throws: SecretProblem.self) { try UpstreamSecret.load(file: "/nonexistent/secret", environment: [:]) }
    }

    /// A secret file others on the machine can read is refused unless the operator insists.
    @Test func aSecretFileOthersCanReadIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(
            atPath: path, contents: Data("0123456789abcdef0123\n".utf8),
            attributes: [.posixPermissions: 0o644])
        do {
            _ = try UpstreamSecret.load(file: path, environment: [:])
            Issue.record("a world-readable secret file was accepted")
        } catch {
            #expect("\(error)".contains("chmod 600"))
        }
        #expect(try UpstreamSecret.load(file: path, allowReadable: true, environment: [:]).text == "0123456789abcdef0123")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try UpstreamSecret.load(file: path, environment: [:]).text == "0123456789abcdef0123")
    }

    @Test func theSecretNeverShowsInItsDescription() {
        #expect(!"\(secret)".contains("horse"))
        #expect(secret.fingerprint.count == 8)
    }
}
