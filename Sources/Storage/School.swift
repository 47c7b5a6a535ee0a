import Forms
import Foundation
import GRDB

public enum SchoolLevel: String, Codable, CaseIterable, Sendable {
    case primary
    case lowerSecondary = "lower_secondary"
    case other
}

/// A school (Liên đội) in the unit's registry; entries name their school by `code`.
public struct School: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "schools"

    public var code: String
    public var name: String
    public var ward: String
    public var district: String
    public var level: SchoolLevel
    public var updatedAt: Date
    /// A deactivated school takes no new entries and is not counted among the registered schools;
    /// what it sent before stays.
    public var active = true

    public init(
        code: String, name: String, ward: String, district: String, level: SchoolLevel,
        updatedAt: Date = Date(), active: Bool = true
    ) {
        self.active = active
        self.code = code
        self.name = name
        self.ward = ward
        self.district = district
        self.level = level
        self.updatedAt = updatedAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Codes are compared without regard to case: a coordinator typing `th01` means `TH01`.
    public static func canonicalCode(_ code: String) -> String {
        // Codes are ASCII in practice: upper-case them without Foundation or Unicode tables.
        if code.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return String(decoding: code.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        return code.trimmedWhitespace.uppercased()
    }
}

extension AppDatabase {
    /// Inserts new schools and updates known ones; returns how many of each.
    public func upsertSchools(_ schools: [School]) throws -> (inserted: Int, updated: Int) {
        try write { db in
            var inserted = 0, updated = 0
            for school in schools {
                if try School.exists(db, key: school.code) {
                    // A registry import names and places schools; whether one is active is the
                    // admin's separate decision, kept as it was.
                    try school.update(db, columns: ["name", "ward", "district", "level", "updated_at"])
                    updated += 1
                } else {
                    try school.insert(db)
                    inserted += 1
                }
            }
            return (inserted, updated)
        }
    }

    public func schools() throws -> [School] {
        try read { db in try School.order(Column("code")).fetchAll(db) }
    }

    /// The schools that take entries: the active ones.
    public func schoolCodes() throws -> Set<String> {
        try read { db in try Set(String.fetchAll(db, sql: "SELECT code FROM schools WHERE active")) }
    }

    /// The admin's edit of one school, audited with the values before and after. The code stays:
    /// entries, links and accounts refer to it.
    public func updateSchool(_ school: School, actor: String = "cli", now: Date = Date()) throws {
        try write { db in
            guard var stored = try School.fetchOne(db, key: school.code) else {
                throw AccountError(vi: "Không có trường \(school.code)", en: "no school \(school.code)")
            }
            let before = Self.auditText(stored)
            stored.name = school.name
            stored.ward = school.ward
            stored.district = school.district
            stored.level = school.level
            stored.updatedAt = now
            try stored.update(db, columns: ["name", "ward", "district", "level", "updated_at"])
            try Self.audit(db, actor: actor, action: "school.edit",
                           detail: "\(school.code): \(before) → \(Self.auditText(stored))", now: now)
        }
    }

    /// Stops (or resumes) a school taking entries; audited.
    public func setSchoolActive(code: String, _ active: Bool, actor: String = "cli", now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "UPDATE schools SET active = ?, updated_at = ? WHERE code = ?",
                           arguments: [active, now, code])
            guard db.changesCount == 1 else { throw AccountError(vi: "Không có trường \(code)", en: "no school \(code)") }
            try Self.audit(db, actor: actor, action: active ? "school.activate" : "school.deactivate", detail: code, now: now)
        }
    }

    static func auditText(_ school: School) -> String {
        "name=\(school.name) ward=\(school.ward) district=\(school.district) level=\(school.level.rawValue)"
    }

    public func school(code: String) async throws -> School? {
        try await read { db in try School.fetchOne(db, key: School.canonicalCode(code)) }
    }

    public func schoolCount() throws -> Int {
        try read { db in try School.fetchCount(db) }
    }
}
