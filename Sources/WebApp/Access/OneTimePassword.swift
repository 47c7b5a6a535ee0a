import Crypto

/// A password given out once (the first admin's): 15 letters and digits without the ones people
/// confuse (0/O, 1/l/I), in groups of five. About 75 bits: far beyond guessing in 15 minutes of
/// sign-in backoff.
public enum OneTimePassword {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public static func make() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let letters = bytes.prefix(15).map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 15, by: 5).map { String(letters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
