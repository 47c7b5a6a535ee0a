import Forms
import Foundation
import GRDB
import Storage
import Yams

/// The children chosen to speak for their peers at a forum: given name, school, age, gender and
/// whether in special circumstances. Names stay at the unit (removed by retention like children's
/// words); only counts go upward. The quota rules come from the campaign file's `delegates:` block
/// (Hà Nội: 25 per district, 50 for the city, aged 12–16, balanced by gender, room for children in
/// special circumstances).
public struct Delegate: Sendable, Hashable {
    public var givenName: String
    public var school: String
    public var age: Int
    /// nu, nam or khac
    public var gender: String
    public var specialCircumstances: Bool

    public init(givenName: String, school: String, age: Int, gender: String, specialCircumstances: Bool) {
        self.givenName = givenName
        self.school = school
        self.age = age
        self.gender = gender
        self.specialCircumstances = specialCircumstances
    }
}

public struct DelegateQuota: Sendable, Hashable {
    /// How many delegates a forum sends (25 for a district, 50 for the city); nil: no rule.
    public var count: Int?
    public var minAge = 12
    public var maxAge = 16
    /// Girls and boys may differ by at most this share of the list (0.1: within 10 %).
    public var genderTolerance = 0.1
    /// At least this many in special circumstances.
    public var minSpecialCircumstances = 0

    public init(count: Int? = nil, minAge: Int = 12, maxAge: Int = 16, genderTolerance: Double = 0.1, minSpecialCircumstances: Int = 0) {
        self.count = count
        self.minAge = minAge
        self.maxAge = maxAge
        self.genderTolerance = genderTolerance
        self.minSpecialCircumstances = minSpecialCircumstances
    }

    /// The `delegates:` block of forms/targets.yaml; the plan's defaults when absent.
    public static func load(formsDirectory: String) throws -> DelegateQuota {
        let path = (formsDirectory as NSString).appendingPathComponent("targets.yaml")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return DelegateQuota() }
        func problem(_ node: Node?, _ vi: String, _ en: String) -> FormProblems {
            FormProblems([FormProblem(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, vi: vi, en: en)])
        }
        guard let block = try Yams.compose(yaml: text)?.mapping?["delegates"] else { return DelegateQuota() }
        guard let map = block.mapping else { throw problem(block, "`delegates` phải là một khối khoá: giá trị", "`delegates` must be a mapping") }
        var quota = DelegateQuota()
        quota.count = map["count"]?.int
        if let ages = map["ages"]?.sequence?.compactMap(\.int), ages.count == 2 { (quota.minAge, quota.maxAge) = (ages[0], ages[1]) }
        if let tolerance = map["gender_tolerance"]?.float { quota.genderTolerance = tolerance }
        if let special = map["min_special_circumstances"]?.int { quota.minSpecialCircumstances = special }
        guard quota.minAge <= quota.maxAge, (0...1).contains(quota.genderTolerance) else {
            throw problem(block, "`delegates`: `ages` là [từ, đến], `gender_tolerance` từ 0 đến 1",
                          "`delegates`: `ages` is [from, to], `gender_tolerance` from 0 to 1")
        }
        return quota
    }

    /// Every rule the list breaks, each as a sentence an officer can act on (Vietnamese, English).
    public func problems(_ delegates: [Delegate]) -> [(vi: String, en: String)] {
        var problems: [(vi: String, en: String)] = []
        if let count, delegates.count != count {
            problems.append(("Cần đúng \(count) đại biểu, danh sách có \(delegates.count)", "needs exactly \(count) delegates, the list has \(delegates.count)"))
        }
        let outside = delegates.filter { !(minAge...maxAge).contains($0.age) }
        if !outside.isEmpty {
            problems.append(("\(outside.count) đại biểu ngoài độ tuổi \(minAge)–\(minAge == maxAge ? "" : "\(maxAge)"): "
                                + outside.map { "\($0.givenName) (\($0.age) tuổi)" }.joined(separator: ", "),
                             "\(outside.count) delegates outside ages \(minAge)–\(maxAge)"))
        }
        let girls = delegates.filter { $0.gender == "nu" }.count, boys = delegates.filter { $0.gender == "nam" }.count
        let allowed = Int((genderTolerance * Double(delegates.count)).rounded(.down))
        if abs(girls - boys) > max(1, allowed) {
            problems.append(("Chưa cân bằng giới: \(girls) nữ, \(boys) nam (chênh lệch cho phép \(max(1, allowed)))",
                             "not balanced by gender: \(girls) girls, \(boys) boys (allowed difference \(max(1, allowed)))"))
        }
        let special = delegates.filter(\.specialCircumstances).count
        if special < minSpecialCircumstances {
            problems.append(("Cần ít nhất \(minSpecialCircumstances) đại biểu có hoàn cảnh đặc biệt, danh sách có \(special)",
                             "needs at least \(minSpecialCircumstances) delegates in special circumstances, the list has \(special)"))
        }
        return problems
    }
}

extension EventStore {
    /// Replaces the forum's register; audited with counts only.
    public func setDelegates(event id: String, _ delegates: [Delegate], actor: String, now: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM event_delegates WHERE event_id = ?", arguments: [id])
            for (position, delegate) in delegates.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO event_delegates (event_id, position, given_name, school_code, age, gender, special_circumstances)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, position, delegate.givenName.precomposedStringWithCanonicalMapping, delegate.school, delegate.age,
                                delegate.gender, delegate.specialCircumstances])
            }
            try AppDatabase.audit(db, actor: actor, action: "event.delegates", detail: "\(id) \(delegates.count) delegates", now: now)
        }
    }

    public func delegates(event id: String) async throws -> [Delegate] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT given_name, school_code, age, gender, special_circumstances FROM event_delegates WHERE event_id = ? ORDER BY position",
                arguments: [id]
            ).map { Delegate(givenName: $0[0], school: $0[1], age: $0[2], gender: $0[3], specialCircumstances: $0[4]) }
        }
    }
}
