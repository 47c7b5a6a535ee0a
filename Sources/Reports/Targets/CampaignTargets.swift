import Analysis
import Answers
import Forms
import Foundation
import Storage
import Summary
import Yams

/// `forms/targets.yaml`: what the campaign promises to reach, and by when.
public struct CampaignTargets: Sendable, Hashable {
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// Children consulted since `start` (a group entry counts each member).
        case consultations
        /// Children consulted in lower-secondary schools (or grades 6–9) since `start`.
        case lowerSecondaryConsultations = "lower_secondary_consultations"
        /// Percentage of registered schools with an entry in the current school year.
        case activeSchoolShare = "active_school_share"
        /// Percentage of questions and recommendations answered (tracked once answers exist).
        case answeredShare = "answered_share"
        /// Distinct children taking part. Until events are recorded (children counted at forums),
        /// this is the consultations: a group entry counts each of its members once.
        case children
        /// Percentage of wards with at least one school active in the current school year.
        case activeWardShare = "active_ward_share"
        /// Percentage of registered schools with at least `per_unit` entries since `start`.
        case opinionsPerUnit = "opinions_per_unit"

        var isShare: Bool { [.activeSchoolShare, .answeredShare, .activeWardShare, .opinionsPerUnit].contains(self) }
    }

    public struct Target: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var metric: Metric
        public var goal: Double
        public var deadline: String
        /// N for `opinions_per_unit`.
        public var perUnit: Int?

        public init(id: String, label: LocalizedText, metric: Metric, goal: Double, deadline: String, perUnit: Int? = nil) {
            self.id = id
            self.label = label
            self.metric = metric
            self.goal = goal
            self.deadline = deadline
            self.perUnit = perUnit
        }
    }

    public var start: String
    public var targets: [Target]
    /// Due dates and counted kinds for answers to children (the `answers:` block).
    public var answers: AnswerPolicy
    /// The school year, named periods and deadlines (the `calendar:` block).
    public var calendar: CampaignCalendar

    public init(start: String, targets: [Target], answers: AnswerPolicy = AnswerPolicy(),
                calendar: CampaignCalendar = CampaignCalendar(schoolYear: CampaignCalendar.schoolYear())) {
        self.start = start
        self.targets = targets
        self.answers = answers
        self.calendar = calendar
    }

    public static let fileName = "targets.yaml"

    /// Reads the targets file of a forms folder; no file means no targets.
    public static func load(formsDirectory: String) throws -> CampaignTargets {
        let path = (formsDirectory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return CampaignTargets(start: "2000-01-01", targets: []) }
        return try parse(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    public static func parse(yaml: String, file: String, now: Date = Date()) throws -> CampaignTargets {
        func problem(_ node: Node?, _ vi: String, _ en: String) -> FormProblems {
            FormProblems([FormProblem(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, vi: vi, en: en)])
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw problem(nil, "Lỗi cú pháp YAML: \(error)", "YAML syntax error: \(error)")
        }
        guard let map = root?.mapping else {
            throw problem(root, "Tệp mục tiêu phải là một khối khoá: giá trị", "the targets file must be a mapping")
        }
        let start = map["start"]?.string ?? "2000-01-01"
        guard CalendarDate(start) != nil else { throw problem(map["start"], "`start` phải có dạng YYYY-MM-DD", "`start` must be YYYY-MM-DD") }
        var targets: [Target] = []
        for node in map["targets"]?.sequence ?? [] {
            guard let item = node.mapping, let id = item["id"]?.string else {
                throw problem(node, "Mỗi mục tiêu cần `id`", "each target needs an `id`")
            }
            guard let metricName = item["metric"]?.string, let metric = Metric(rawValue: metricName) else {
                let known = Metric.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(item["metric"] ?? node, "`metric` không hợp lệ; dùng: \(known)", "unknown `metric`; use: \(known)")
            }
            guard let goal = item["goal"]?.float, goal > 0 else {
                throw problem(item["goal"] ?? node, "`goal` phải là số dương", "`goal` must be a positive number")
            }
            guard let deadline = item["deadline"]?.string, CalendarDate(deadline) != nil else {
                throw problem(item["deadline"] ?? node, "`deadline` phải có dạng YYYY-MM-DD", "`deadline` must be YYYY-MM-DD")
            }
            let labelNode = item["label"]
            let label =
                labelNode?.mapping.map { LocalizedText(vi: $0["vi"]?.string ?? id, en: $0["en"]?.string) }
                ?? LocalizedText(vi: labelNode?.string ?? id)
            var perUnit: Int?
            if metric == .opinionsPerUnit {
                guard let value = item["per_unit"]?.int, value > 0 else {
                    throw problem(item["per_unit"] ?? node, "`opinions_per_unit` cần `per_unit`: số ý kiến tối thiểu của mỗi trường",
                                  "`opinions_per_unit` needs `per_unit`: the least number of entries per school")
                }
                perUnit = value
            }
            if metric.isShare && goal > 100 {
                throw problem(item["goal"] ?? node, "`goal` của chỉ tiêu tỉ lệ là phần trăm, tối đa 100", "a share's `goal` is a percentage, at most 100")
            }
            targets.append(Target(id: id, label: label, metric: metric, goal: goal, deadline: deadline, perUnit: perUnit))
        }
        return CampaignTargets(
            start: start, targets: targets, answers: try answerPolicy(map["answers"], problem),
            calendar: try CampaignCalendar.parse(map["calendar"], now: now, problem))
    }

    /// The `answers:` block; every key is optional.
    static func answerPolicy(_ node: Node?, _ problem: (Node?, String, String) -> FormProblems) throws -> AnswerPolicy {
        guard let node else { return AnswerPolicy() }
        guard let map = node.mapping else {
            throw problem(node, "`answers` phải là một khối khoá: giá trị", "`answers` must be a mapping")
        }
        var policy = AnswerPolicy()
        if let days = map["due_days"] {
            guard let value = days.int, (1...3650).contains(value) else {
                throw problem(days, "`answers.due_days` phải là số ngày từ 1 đến 3650", "`answers.due_days` must be a number of days from 1 to 3650")
            }
            policy.dueDays = value
        }
        if let forum = map["forum_date"] {
            guard let text = forum.string, CalendarDate(text) != nil else {
                throw problem(forum, "`answers.forum_date` phải có dạng YYYY-MM-DD", "`answers.forum_date` must be YYYY-MM-DD")
            }
            policy.forumDate = text
        }
        if let kinds = map["kinds"] {
            let codes = kinds.sequence?.compactMap(\.string) ?? []
            guard !codes.isEmpty, codes.count == kinds.sequence?.count else {
                throw problem(
                    kinds, "`answers.kinds` phải là danh sách mã loại ý kiến, ví dụ [question, recommendation]",
                    "`answers.kinds` must be a list of kind codes, e.g. [question, recommendation]")
            }
            policy.kinds = codes
        }
        return policy
    }
}
