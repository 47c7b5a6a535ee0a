import Foundation
import GRDB

/// The SQLite database of one TiengNoi instance: `<data>/tiengnoi.sqlite`, WAL, foreign keys on.
///
/// As in GRDB's demo `AppDatabase`, the connection pool is private: the rest of the product calls
/// named methods. Each table has one owner module (docs/architecture.md) that writes it through
/// `write` and defines its record type; `read` and `write` are `package`, for those owners only —
/// the web application and the command line never run SQL (Tests/checks/test_architecture.py).
public final class AppDatabase: Sendable {
    private let pool: DatabasePool
    public let path: String

    public static let fileName = "tiengnoi.sqlite"

    /// Opens (creating if needed) the database inside `directory` and brings its schema up to date.
    /// The folder is kept 0700 and the database with its -wal and -shm files 0600: children's words
    /// and the senders' secrets are in them, and nobody else on the machine needs to read them.
    public init(directory: String) throws {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        try FilePermissions.prepare(directory: directory, database: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // The server and a CLI command (an import, say) may write at the same time.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // An acknowledged submission must survive a power cut, not only a crash:
            // FULL syncs the WAL on every commit; group commit keeps that affordable.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // No memory-mapped reads (SQLite's default, said here because it was once 256 MiB):
            // the mapped pages count as the server's resident memory, which after a million
            // entries was 337 MiB, 249 of them the mapped database, against 150 MiB allowed
            // (issue 19). Reads still come from the OS page cache, by read().
            try db.execute(sql: "PRAGMA mmap_size = 0")
            // 32 MiB of page cache for the one writing connection (default 2 MiB): the analysis
            // pass updates indexes at random places (issue ids are UUIDs) and a small cache
            // re-reads the same pages every chunk. Readers keep the default: each connection's
            // cache is the process's own memory, and a reader's scans are served by the OS cache.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        // SQLite makes -wal and -shm with the database's own mode; an older folder may hold looser ones.
        try FilePermissions.tighten(database: path)
    }

    /// A read transaction, for the module that owns the tables it reads (and those above it).
    package func read<T>(_ value: (Database) throws -> T) throws -> T { try pool.read(value) }

    package func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(value)
    }

    /// A write transaction, for the module that owns the tables it writes.
    package func write<T>(_ updates: (Database) throws -> T) throws -> T { try pool.write(updates) }

    package func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(updates)
    }

    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    /// True when the database answers a trivial query; what `/health` reports.
    public func isHealthy() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }
}
