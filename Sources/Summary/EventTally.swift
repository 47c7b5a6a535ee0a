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
        /// Photos kept as evidence of these events (counted whether or not they may travel).
        /// Absent from instances older than evidence.
        public var photos: Int?
        /// Documents (PDF) kept as evidence.
        public var documents: Int?

        public init(held: Int = 0, children: Int = 0, specialCircumstances: Int = 0, delegates: Int? = nil,
                    photos: Int? = nil, documents: Int? = nil) {
            self.held = held
            self.children = children
            self.specialCircumstances = specialCircumstances
            self.delegates = delegates
            self.photos = photos
            self.documents = documents
        }

        public static func += (left: inout EventCount, right: EventCount) {
            left.held += right.held
            left.children += right.children
            left.specialCircumstances += right.specialCircumstances
            if let more = right.delegates { left.delegates = (left.delegates ?? 0) + more }
            if let more = right.photos { left.photos = (left.photos ?? 0) + more }
            if let more = right.documents { left.documents = (left.documents ?? 0) + more }
        }
    }

    public struct EventTally: Codable, Hashable, Sendable {
        public var total: EventCount
        /// By the school or unit that held them.
        public var unit: [String: EventCount]
        /// By kind (`school_forum`, `dialogue`, …).
        public var kind: [String: EventCount]
        /// By unit, each photo and document once: checksum, size, type and whether the unit let
        /// the file itself go upward (docs/upstream.md). Absent from instances older than evidence.
        public var evidence: [String: [EvidenceRef]]?

        public init(total: EventCount = .init(), unit: [String: EventCount] = [:], kind: [String: EventCount] = [:],
                    evidence: [String: [EvidenceRef]]? = nil) {
            self.total = total
            self.unit = unit
            self.kind = kind
            self.evidence = evidence
        }

        public static func + (left: EventTally, right: EventTally) -> EventTally {
            var sum = left
            sum.total += right.total
            for (key, count) in right.unit { sum.unit[key, default: .init()] += count }
            for (key, count) in right.kind { sum.kind[key, default: .init()] += count }
            if let more = right.evidence {
                var merged = sum.evidence ?? [:]
                for (unit, refs) in more {
                    let known = Set((merged[unit] ?? []).map(\.sha256))
                    merged[unit, default: []] += refs.filter { !known.contains($0.sha256) }
                }
                sum.evidence = merged
            }
            return sum
        }
    }
}
