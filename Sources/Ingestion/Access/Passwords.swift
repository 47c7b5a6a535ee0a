import HummingbirdBcrypt

/// Password hashing for staff accounts (bcrypt). Cost 12: about a quarter of a second per login
/// on a small server, which is nothing for a person and a lot for someone guessing.
public enum Passwords {
    public static let cost: UInt8 = 12
    public static let minimumLength = 10

    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A fixed hash to compare against when the username is unknown, so that a wrong username
    /// takes as long as a wrong password.
    static let decoy = Bcrypt.hash("decoy password for timing", cost: cost)
}
