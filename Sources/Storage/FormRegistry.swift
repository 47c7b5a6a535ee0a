import Forms
import Foundation
import GRDB

/// A form file changed without its version being raised, after children already answered it.
public struct FormVersionConflict: Error, CustomStringConvertible, Sendable {
    public var formID: String
    public var version: Int
    public var submissions: Int

    public var description: String {
        "Biểu mẫu «\(formID)» phiên bản \(version) đã có \(submissions) ý kiến nhưng nội dung tệp đã thay đổi: "
            + "hãy tăng `version` trong tệp biểu mẫu. — Form «\(formID)» version \(version) already has "
            + "\(submissions) submissions but its file changed: raise its `version`."
    }
}

/// Every version of every form the instance has seen. Older versions stay valid, so a tablet that
/// cached last month's form can still send what children wrote on it.
public struct FormVersions: Sendable {
    private var byKey: [String: Form]
    /// The version each form file currently holds: what a new client is given.
    public private(set) var current: [String: Int]

    init(stored: [Form], current: [Form]) {
        byKey = [:]
        for form in stored + current { byKey[Self.key(form.id, form.version)] = form }
        self.current = Dictionary(current.map { ($0.id, $0.version) }, uniquingKeysWith: { $1 })
    }

    private static func key(_ id: String, _ version: Int) -> String { "\(id)#\(version)" }

    public func form(id: String, version: Int) -> Form? { byKey[Self.key(id, version)] }

    public func latest(id: String) -> Form? { current[id].flatMap { form(id: id, version: $0) } }

    public func versions(id: String) -> [Int] {
        byKey.values.filter { $0.id == id }.map(\.version).sorted()
    }

    public var latestForms: [Form] { current.keys.sorted().compactMap(latest(id:)) }
}

extension AppDatabase {
    /// Records the forms found on disk. A changed form whose version already has submissions is refused,
    /// because those entries were answered against the old wording.
    public func registerForms(_ forms: [Form], now: Date = Date()) throws -> FormVersions {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try write { db in
            for form in forms {
                let hash = form.contentHash
                let definition = String(decoding: try encoder.encode(form), as: UTF8.self)
                let stored = try String.fetchOne(
                    db, sql: "SELECT content_hash FROM form_versions WHERE form_id = ? AND version = ?",
                    arguments: [form.id, form.version])
                if stored == hash { continue }
                if stored != nil {
                    let count =
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM submissions WHERE form_id = ? AND form_version = ?",
                            arguments: [form.id, form.version]) ?? 0
                    if count > 0 { throw FormVersionConflict(formID: form.id, version: form.version, submissions: count) }
                }
                try db.execute(
                    sql: """
                        INSERT INTO form_versions (form_id, version, content_hash, definition, registered_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (form_id, version) DO UPDATE SET
                          content_hash = excluded.content_hash, definition = excluded.definition,
                          registered_at = excluded.registered_at
                        """,
                    arguments: [form.id, form.version, hash, definition, now])
            }
            let rows = try String.fetchAll(db, sql: "SELECT definition FROM form_versions")
            let stored = try rows.map { try decoder.decode(Form.self, from: Data($0.utf8)) }
            return FormVersions(stored: stored, current: forms)
        }
    }

    /// Stored forms only: what a command that does not load the forms folder can see.
    public func storedFormVersions() throws -> FormVersions {
        let decoder = JSONDecoder()
        let stored = try read { db in
            try String.fetchAll(db, sql: "SELECT definition FROM form_versions")
                .map { try decoder.decode(Form.self, from: Data($0.utf8)) }
        }
        let newest = Dictionary(grouping: stored, by: \.id).compactMap { $0.value.max { $0.version < $1.version } }
        return FormVersions(stored: stored, current: newest)
    }
}
