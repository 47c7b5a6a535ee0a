import Forms
import Foundation

/// A forum, dialogue, meeting or training a unit held: when and where, who came (by gender and age
/// band; children in special circumstances as a count only, never who), the leaders who answered,
/// the issues taken to it and what came of it.
public struct Event: Sendable, Hashable {
    public var id: String
    public var kind: String
    /// The school (or this unit) that held it.
    public var unit: String
    /// YYYY-MM-DD
    public var heldOn: String
    public var place: String
    public var attendance: Attendance
    public var leaders: [Leader]
    /// Issues taken to it, in the order they were raised.
    public var issues: [String]
    public var outcome: String
    public var createdBy: String
    public var createdAt: String

    public struct Attendance: Sendable, Hashable, Codable {
        public var girls: Int
        public var boys: Int
        /// Children who did not say, or another gender.
        public var otherGender: Int
        public var under12: Int
        public var from12to16: Int
        public var over16: Int
        /// A count only: who they are is never recorded.
        public var specialCircumstances: Int

        public init(girls: Int = 0, boys: Int = 0, otherGender: Int = 0, under12: Int = 0, from12to16: Int = 0, over16: Int = 0,
                    specialCircumstances: Int = 0) {
            (self.girls, self.boys, self.otherGender) = (girls, boys, otherGender)
            (self.under12, self.from12to16, self.over16) = (under12, from12to16, over16)
            self.specialCircumstances = specialCircumstances
        }

        public var children: Int { girls + boys + otherGender }

        enum CodingKeys: String, CodingKey {
            case girls, boys, otherGender, under12, from12to16, over16, specialCircumstances
        }

        /// A count left out is 0: a form that only knows girls and boys still posts.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            // Absent is 0; present must be a number (null is refused, as the API's schema says).
            func count(_ key: CodingKeys) throws -> Int { c.contains(key) ? try c.decode(Int.self, forKey: key) : 0 }
            self.init(girls: try count(.girls), boys: try count(.boys), otherGender: try count(.otherGender),
                      under12: try count(.under12), from12to16: try count(.from12to16), over16: try count(.over16),
                      specialCircumstances: try count(.specialCircumstances))
        }
    }

    public struct Leader: Sendable, Hashable, Codable {
        public var name: String
        public var office: String
        public init(name: String, office: String) {
            self.name = name
            self.office = office
        }
    }
}

/// What staff type in to record an event, checked field by field.
public struct EventDraft: Sendable {
    public var kind: String
    public var unit: String
    public var heldOn: String
    public var place: String
    public var attendance: Event.Attendance
    public var leaders: [Event.Leader]
    public var issues: [String]
    public var outcome: String

    public init(kind: String, unit: String, heldOn: String, place: String = "", attendance: Event.Attendance = .init(),
                leaders: [Event.Leader] = [], issues: [String] = [], outcome: String = "") {
        self.kind = kind
        self.unit = unit
        self.heldOn = heldOn
        self.place = place
        self.attendance = attendance
        self.leaders = leaders
        self.issues = issues
        self.outcome = outcome
    }

    /// Every problem at once, each beside its field, in Vietnamese and English.
    public func problems(kinds: EventKinds, today: String) -> [FieldError] {
        var errors: [FieldError] = []
        if kinds.kind(kind) == nil {
            let known = kinds.kinds.map(\.code).joined(separator: ", ")
            errors.append(FieldError(field: "kind", code: .unknownChoice, vi: "Loại hoạt động không có trong danh sách: \(known)",
                                     en: "unknown kind; use one of: \(known)"))
        }
        if unit.isEmpty {
            errors.append(FieldError(field: "unit", code: .missingRequired, vi: "Cần đơn vị tổ chức", en: "the unit is required"))
        }
        if CalendarDate(heldOn) == nil || heldOn > today {
            errors.append(FieldError(field: "heldOn", code: .wrongType, vi: "Ngày tổ chức dạng năm-tháng-ngày, không sau hôm nay",
                                     en: "the day it was held, YYYY-MM-DD, not after today"))
        }
        if place.count > 200 { errors.append(FieldError(field: "place", code: .tooLong, vi: "Địa điểm dài quá 200 ký tự", en: "the place is over 200 characters")) }
        if outcome.count > 4000 {
            errors.append(FieldError(field: "outcome", code: .tooLong, vi: "Kết quả dài quá 4000 ký tự", en: "the outcome is over 4000 characters"))
        }
        let a = attendance
        for (field, value) in [("girls", a.girls), ("boys", a.boys), ("otherGender", a.otherGender), ("under12", a.under12),
                               ("from12to16", a.from12to16), ("over16", a.over16), ("specialCircumstances", a.specialCircumstances)]
        where value < 0 || value > 100_000 {
            errors.append(FieldError(field: field, code: .outOfRange, vi: "Số người phải từ 0 đến 100.000", en: "a count from 0 to 100,000"))
        }
        let ages = a.under12 + a.from12to16 + a.over16
        if ages > 0 && ages != a.children {
            errors.append(FieldError(field: "under12", code: .outOfRange,
                                     vi: "Tổng theo độ tuổi (\(ages)) phải bằng tổng theo giới tính (\(a.children))",
                                     en: "the age bands (\(ages)) must add up to the gender counts (\(a.children))"))
        }
        if a.specialCircumstances > a.children {
            errors.append(FieldError(field: "specialCircumstances", code: .outOfRange,
                                     vi: "Số trẻ có hoàn cảnh đặc biệt không thể nhiều hơn số trẻ tham dự",
                                     en: "more children in special circumstances than children present"))
        }
        for (index, leader) in leaders.enumerated() where leader.name.isEmpty || leader.office.isEmpty {
            errors.append(FieldError(field: "leaders[\(index)]", code: .missingRequired, vi: "Mỗi lãnh đạo cần tên và cơ quan",
                                     en: "each leader needs a name and an office"))
        }
        return errors
    }
}
