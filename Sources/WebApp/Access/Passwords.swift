import HummingbirdBcrypt

/// Password hashing for staff accounts (bcrypt). Cost 12: about a quarter of a second per login
/// on a small server, which is nothing for a person and a lot for someone guessing.
public enum Passwords {
    public static let cost: UInt8 = 12
    public static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes: a longer password would be silently cut, so that two
    /// passwords sharing those bytes would both open the account. Longer ones are refused instead.
    public static let maximumBytes = 72

    /// Why `password` cannot be an account's password, or nil.
    public static func problem(_ password: String) -> (vi: String, en: String)? {
        if password.count < minimumLength {
            return ("Mật khẩu cần ít nhất \(minimumLength) ký tự", "the password needs at least \(minimumLength) characters")
        }
        if password.utf8.count > maximumBytes {
            return (
                "Mật khẩu dài quá \(maximumBytes) byte (chữ có dấu tính 2–3 byte mỗi chữ); hãy chọn mật khẩu ngắn hơn",
                "the password is longer than \(maximumBytes) bytes (letters with diacritics take 2–3 bytes each); choose a shorter one"
            )
        }
        return nil
    }

    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A fixed hash to compare against when the username is unknown, so that a wrong username
    /// takes as long as a wrong password.
    static let decoy = Bcrypt.hash("decoy password for timing", cost: cost)
}
