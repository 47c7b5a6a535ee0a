import Foundation
import Testing
@testable import Forwarder

@Suite("X-TiengNoi-Signature")
struct SignatureTests {
    let secret = try! UpstreamSecret("correct-horse-battery-staple")
    let body = Data(#"{"unit":"TH-AN-BINH"}"#.utf8)

    /// Computed independently with Python: hmac.new(secret, b"1700000000." + body, sha256).hexdigest()
    @Test func matchesAnIndependentHMAC() {
        #expect(RequestSignature.sign(secret: secret, timestamp: 1_700_000_000, body: body)
            == "sha256=119376e8f737959dd9c7055ca442aae5271c62d78b3ad1fa26364c862b48a521")
    }

    @Test func verifiesItsOwnAndRefusesAnyChange() throws {
        let signature = RequestSignature.sign(secret: secret, timestamp: 1_700_000_000, body: body)
        #expect(RequestSignature.isValid(signature, secret: secret, timestamp: 1_700_000_000, body: body))
        #expect(RequestSignature.isValid(signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="),
                                         secret: secret, timestamp: 1_700_000_000, body: body))
        #expect(!RequestSignature.isValid(signature, secret: secret, timestamp: 1_700_000_001, body: body))
        #expect(!RequestSignature.isValid(signature, secret: secret, timestamp: 1_700_000_000,
                                          body: Data(#"{"unit":"TH-AN-BINH" }"#.utf8)))
        let other = try UpstreamSecret("correct-horse-battery-stapler")
        #expect(!RequestSignature.isValid(signature, secret: other, timestamp: 1_700_000_000, body: body))
    }

    @Test func refusesMalformedHeaders() {
        for header in ["", "sha256=", "sha1=119376e8", "119376e8f737959dd9c7055ca442aae5271c62d78b3ad1fa26364c862b48a521",
                       "sha256=119376e8f737959dd9c7055ca442aae5271c62d78b3ad1fa26364c862b48a52",
                       "sha256=119376e8f737959dd9c7055ca442aae5271c62d78b3ad1fa26364c862b48a5",
                       "sha256=zz9376e8f737959dd9c7055ca442aae5271c62d78b3ad1fa26364c862b48a521"] {
            #expect(!RequestSignature.isValid(header, secret: secret, timestamp: 1_700_000_000, body: body), "\(header)")
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

    @Test func theSecretNeverShowsInItsDescription() {
        #expect(!"\(secret)".contains("horse"))
        #expect(secret.fingerprint.count == 8)
    }
}
