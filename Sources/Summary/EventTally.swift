/// Events a unit held (forums, dialogues, meetings, trainings): how many and how many children came,
/// per unit and per kind. Counts only; names of leaders and delegates never travel.
extension Summary {
    public struct EventCount: Codable, Hashable, Sendable {
        public var held: Int
        /// Children present (girls, boys and others).
        public var children: Int
        /// Of them, in special circumstances: a count only.
        public var specialCircumstances: Int
        /// Delegates registered for these forums: a count only, their names stay at the unit.
        /// Absent from instances older than delegates.
        public var delegates: Int?

        public init(held: Int = 0, children: Int = 0, specialCircumstances: Int = 0, delegates: Int? = nil) {
            self.held = held
            self.children = children
            self.specialCircumstances = specialCircumstances
            self.delegates = delegates
        }

        public static func += (left: inout EventCount, right: EventCount) {
            left.held += right.held
            left.children += right.children
            left.specialCircumstances += right.specialCircumstances
            if let more = right.delegates { left.delegates = (left.delegates ?? 0) + more }
        }
    }

    public struct EventTally: Codable, Hashable, Sendable {
        public var total: EventCount
        /// By the school or unit that held them.
        public var unit: [String: EventCount]
        /// By kind (`school_forum`, `dialogue`, …).
        public var kind: [String: EventCount]

        public init(total: EventCount = .init(), unit: [String: EventCount] = [:], kind: [String: EventCount] = [:]) {
            self.total = total
            self.unit = unit
            self.kind = kind
        }

        public static func + (left: EventTally, right: EventTally) -> EventTally {
            var sum = left
            sum.total += right.total
            for (key, count) in right.unit { sum.unit[key, default: .init()] += count }
            for (key, count) in right.kind { sum.kind[key, default: .init()] += count }
            return sum
        }
    }
}
