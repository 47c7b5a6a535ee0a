import Foundation

/// The modes of what TiengNoi keeps at rest. Files are made private before anything is written
/// to them, and folders and files made by earlier versions are tightened when opened.
public enum FilePermissions {
    public static let folder: Int16 = 0o700
    public static let file: Int16 = 0o600

    /// Creates the data folder 0700 (or tightens it) and an empty 0600 database file, so SQLite
    /// never creates it with the process umask (usually world-readable).
    static func prepare(directory: String, database: String) throws {
        let files = FileManager.default
        try files.createDirectory(
            atPath: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: folder])
        try files.setAttributes([.posixPermissions: folder], ofItemAtPath: directory)
        if !files.fileExists(atPath: database) {
            guard files.createFile(atPath: database, contents: nil, attributes: [.posixPermissions: file]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: database])
            }
        }
        try tighten(database: database)
    }

    /// The database, its write-ahead log and shared-memory index: 0600 wherever they exist.
    static func tighten(database: String) throws {
        for path in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.setAttributes([.posixPermissions: file], ofItemAtPath: path)
        }
    }

    /// Why a file holding a secret (a sender's shared secret, a password) must not be used, or nil
    /// when only its owner can read it. A secret others can read is no longer a secret.
    public static func secretProblem(path: String) -> (vi: String, en: String)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return nil }
        guard mode & 0o044 != 0 else { return nil }
        let shown = String(mode & 0o777, radix: 8)
        return (
            vi: "Tệp bí mật \(path) có quyền \(shown): người khác trên máy đọc được. Hãy chạy `chmod 600 \(path)` "
                + "(hoặc thêm --allow-readable-secret nếu thật sự cần)",
            en: "the secret file \(path) has mode \(shown): others on this machine can read it. Run `chmod 600 \(path)` "
                + "(or pass --allow-readable-secret if you really must)"
        )
    }
}
