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

    public init(
        code: String, name: String, ward: String, district: String, level: SchoolLevel,
        updatedAt: Date = Date()
    ) {
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
                    try school.update(db)
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

    public func schoolCodes() throws -> Set<String> {
        try read { db in try Set(String.fetchAll(db, sql: "SELECT code FROM schools")) }
    }

    public func school(code: String) async throws -> School? {
        try await read { db in try School.fetchOne(db, key: School.canonicalCode(code)) }
    }

    public func schoolCount() throws -> Int {
        try read { db in try School.fetchCount(db) }
    }
}
