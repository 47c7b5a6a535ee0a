import Foundation
import GRDB

/// One line of `audit_log`: who did what, when. Written inside the transaction of what it records
/// (`AppDatabase.audit(_:actor:…)`), so a change and its audit row land together or not at all.
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "audit_log"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let actor = Column(CodingKeys.actor)
        public static let action = Column(CodingKeys.action)
    }

    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var detail: String
}

extension AppDatabase {
    /// The audit log, oldest first, filtered by action and actor when given.
    public func auditEntries(action: String? = nil, actor: String? = nil) async throws -> [AuditEntry] {
        try await read { db in
            var request = AuditEntry.order(AuditEntry.Columns.id)
            if let action { request = request.filter(AuditEntry.Columns.action == action) }
            if let actor { request = request.filter(AuditEntry.Columns.actor == actor) }
            return try request.fetchAll(db)
        }
    }
}
