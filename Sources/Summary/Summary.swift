import Foundation

/// The consolidated summary one level sends to the next (school → district → province).
/// Counts and issues only: never a child's name, contact, or an entry flagged for safeguarding.
/// The wire format is documented in `docs/summary-format.md`; `schema` changes with any breaking change.
public struct Summary: Codable, Hashable, Sendable {
    public static let schemaID = "tiengnoi.summary/1"

    public var schema: String
    /// The unit this summary speaks for (a school, ward or district code).
    public var unit: String
    public var generatedAt: String
    public var forms: [FormReference]
    public var totals: Totals
    /// Dimension → value → counts. Dimensions: school, ward, theme, kind, gender, grade_band, month.
    public var tallies: [String: [String: Count]]
    public var issues: [IssueSummary]
    /// The units below whose latest summaries are included in these counts.
    public var includes: [IncludedUnit]
    /// Progress toward the campaign's targets, as this unit measures it.
    public var targets: [TargetStatus]?
    /// Registered schools with no entry in the current school year.
    public var inactiveSchools: [String]?
    /// How many questions and recommendations were answered; absent from instances older than answers.
    public var answers: AnswerTally?
    /// Forums, dialogues and meetings held, with the children present; absent from older instances.
    public var events: EventTally?
    /// The days these numbers cover (entries belong to the day they were written); absent: the
    /// whole campaign so far.
    public var period: Period?

    public struct Period: Codable, Hashable, Sendable {
        /// First and last day, YYYY-MM-DD; either may be open.
        public var from: String?
        public var to: String?
        /// The calendar's name for it («Học kỳ I»), when it is one.
        public var label: String?
        public init(from: String?, to: String?, label: String? = nil) {
            self.from = from
            self.to = to
            self.label = label
        }
    }

    public init(
        unit: String, generatedAt: String, forms: [FormReference], totals: Totals,
        tallies: [String: [String: Count]], issues: [IssueSummary], includes: [IncludedUnit],
        targets: [TargetStatus]? = nil, inactiveSchools: [String]? = nil, answers: AnswerTally? = nil,
        period: Period? = nil, events: EventTally? = nil
    ) {
        self.period = period
        self.events = events
        self.schema = Self.schemaID
        self.unit = unit
        self.generatedAt = generatedAt
        self.forms = forms
        self.totals = totals
        self.tallies = tallies
        self.issues = issues
        self.includes = includes
        self.targets = targets
        self.inactiveSchools = inactiveSchools
        self.answers = answers
    }

    public struct FormReference: Codable, Hashable, Sendable {
        public var id: String
        public var versions: [Int]
        public init(id: String, versions: [Int]) {
            self.id = id
            self.versions = versions
        }
    }

    public struct Count: Codable, Hashable, Sendable {
        /// Entries (one per form sent).
        public var entries: Int
        /// Children consulted: a group's entry counts each member.
        public var consultations: Int
        public init(entries: Int = 0, consultations: Int = 0) {
            self.entries = entries
            self.consultations = consultations
        }
        public static func + (a: Count, b: Count) -> Count {
            Count(entries: a.entries + b.entries, consultations: a.consultations + b.consultations)
        }
        public static func += (a: inout Count, b: Count) {
            a.entries += b.entries
            a.consultations += b.consultations
        }
    }

    public struct Totals: Codable, Hashable, Sendable {
        public var entries: Int
        public var consultations: Int
        /// Schools with at least one entry.
        public var activeSchools: Int
        /// Schools in the registry (for "100 % of schools active").
        public var registeredSchools: Int
        /// Entries held back for designated staff; only their number leaves the instance.
        public var safeguardingHeld: Int
        public init(
            entries: Int, consultations: Int, activeSchools: Int, registeredSchools: Int,
            safeguardingHeld: Int
        ) {
            self.entries = entries
            self.consultations = consultations
            self.activeSchools = activeSchools
            self.registeredSchools = registeredSchools
            self.safeguardingHeld = safeguardingHeld
        }
    }

    public struct IssueSummary: Codable, Hashable, Sendable {
        /// Stable across runs and levels: answers flowing back down name it.
        public var id: String
        public var theme: String
        public var representative: String
        public var entries: Int
        public var participants: Int
        public var schools: [String]
        /// The unit that formed the issue (this one, or a unit below).
        public var origin: String
        public init(
            id: String, theme: String, representative: String, entries: Int, participants: Int,
            schools: [String], origin: String
        ) {
            self.id = id
            self.theme = theme
            self.representative = representative
            self.entries = entries
            self.participants = participants
            self.schools = schools
            self.origin = origin
        }
    }

    public struct TargetStatus: Codable, Hashable, Sendable {
        public var id: String
        public var label: String
        public var metric: String
        public var goal: Double
        public var deadline: String
        /// nil while the metric is not measured yet (answers before the Answers module).
        public var current: Double?
        public var percent: Double?
        /// Per day, to reach the goal by the deadline from today.
        public var pacePerDayNeeded: Double?
        public var pacePerDayLast30: Double?
        public var pacePerDayLast90: Double?
        /// When the goal will be reached at the pace of the last 90 days.
        public var projectedDate: String?
        public var onTrack: Bool?
        public var note: String?

        public init(id: String, label: String, metric: String, goal: Double, deadline: String) {
            self.id = id
            self.label = label
            self.metric = metric
            self.goal = goal
            self.deadline = deadline
        }
    }

    public struct IncludedUnit: Codable, Hashable, Sendable {
        public var unit: String
        public var generatedAt: String
        public var receivedAt: String
        public init(unit: String, generatedAt: String, receivedAt: String) {
            self.unit = unit
            self.generatedAt = generatedAt
            self.receivedAt = receivedAt
        }
    }

    /// Questions and recommendations (the campaign's `answers.kinds`) since the campaign's start,
    /// and how many of them were answered, overall, by theme and by school. An entry is answered
    /// when the newest published answer it received — to itself or to its issue — has any status
    /// but `unanswered`.
    public struct AnswerTally: Codable, Hashable, Sendable {
        public var asked: Int
        public var answered: Int
        /// Entries by the status of their newest answer; `unanswered` includes those with none.
        public var byStatus: [String: Int]
        public var theme: [String: AnswerCount]
        public var school: [String: AnswerCount]

        public init(
            asked: Int = 0, answered: Int = 0, byStatus: [String: Int] = [:],
            theme: [String: AnswerCount] = [:], school: [String: AnswerCount] = [:]
        ) {
            self.asked = asked
            self.answered = answered
            self.byStatus = byStatus
            self.theme = theme
            self.school = school
        }

        /// Percentage answered; nil when nothing was asked.
        public var share: Double? { asked == 0 ? nil : 100 * Double(answered) / Double(asked) }

        public static func + (a: AnswerTally, b: AnswerTally) -> AnswerTally {
            AnswerTally(
                asked: a.asked + b.asked, answered: a.answered + b.answered,
                byStatus: a.byStatus.merging(b.byStatus, uniquingKeysWith: +),
                theme: a.theme.merging(b.theme, uniquingKeysWith: +),
                school: a.school.merging(b.school, uniquingKeysWith: +))
        }
    }

    public struct AnswerCount: Codable, Hashable, Sendable {
        public var asked: Int
        public var answered: Int
        public init(asked: Int = 0, answered: Int = 0) {
            self.asked = asked
            self.answered = answered
        }
        public static func + (a: AnswerCount, b: AnswerCount) -> AnswerCount {
            AnswerCount(asked: a.asked + b.asked, answered: a.answered + b.answered)
        }
    }
}
