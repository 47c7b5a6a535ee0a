import Crypto
import Forms
import Foundation
import Storage

/// The secret a sender and its receiver share. Read from a file or an environment variable, never
/// from the command line (where `ps` and shell history would show it); never printed or logged.
public struct UpstreamSecret: Sendable, CustomStringConvertible {
    public static let environmentVariable = "TIENGNOI_UPSTREAM_SECRET"
    /// Shorter secrets can be guessed offline from one captured request.
    public static let minimumLength = 16

    /// What was read, kept only to store it in the receiver's sender registry.
    public let text: String
    /// Made on use: `SymmetricKey` is not Sendable, and an HMAC key costs nothing to build.
    var key: SymmetricKey { SymmetricKey(data: Data(text.utf8)) }

    /// Leading and trailing whitespace is dropped, so `echo secret > file` and an editor's final
    /// newline give the same secret; the rest is used as UTF-8 bytes.
    public init(_ raw: String) throws(SecretProblem) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= Self.minimumLength else { throw .tooShort }
        self.text = text
    }

    /// `allowReadable`: accept a file others can read (`--allow-readable-secret`); by default such
    /// a file is refused, since everyone on the machine could sign in this unit's name.
    public static func load(
        file: String?, allowReadable: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(SecretProblem) -> UpstreamSecret
    {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw .unreadable(file) }
            if !allowReadable, let problem = FilePermissions.secretProblem(path: file) {
                throw .readableByOthers(vi: problem.vi, en: problem.en)
            }
            return try UpstreamSecret(String(decoding: data, as: UTF8.self))
        }
        guard let value = environment[environmentVariable] else { throw .missing }
        return try UpstreamSecret(value)
    }

    /// A short, non-reversible tag so two sites can check they hold the same secret without showing it.
    public var fingerprint: String {
        hexString(SHA256.hash(data: Data(text.utf8)).prefix(4))
    }

    public var description: String { "UpstreamSecret(\(fingerprint))" }
}

public enum SecretProblem: Error, Sendable, CustomStringConvertible {
    case missing
    case unreadable(String)
    case tooShort
    case readableByOthers(vi: String, en: String)

    public var description: String {
        switch self {
        case .missing:
            "Thiếu khoá bí mật: dùng --secret-file TỆP hoặc biến môi trường \(UpstreamSecret.environmentVariable) "
                + "— the shared secret is missing: use --secret-file PATH or \(UpstreamSecret.environmentVariable)"
        case let .unreadable(path):
            "Không đọc được tệp khoá bí mật \(path) — cannot read the secret file \(path)"
        case let .readableByOthers(vi, en):
            "\(vi) — \(en)"
        case .tooShort:
            "Khoá bí mật phải dài ít nhất \(UpstreamSecret.minimumLength) ký tự (ví dụ: openssl rand -hex 32) "
                + "— the secret must be at least \(UpstreamSecret.minimumLength) characters (e.g. openssl rand -hex 32)"
        }
    }
}
