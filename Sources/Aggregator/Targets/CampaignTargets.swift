import Forms
import Foundation
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

        var isShare: Bool { self == .activeSchoolShare || self == .answeredShare }
    }

    public struct Target: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var metric: Metric
        public var goal: Double
        public var deadline: String
    }

    public var start: String
    public var targets: [Target]

    public init(start: String, targets: [Target]) {
        self.start = start
        self.targets = targets
    }

    public static let fileName = "targets.yaml"

    /// Reads the targets file of a forms folder; no file means no targets.
    public static func load(formsDirectory: String) throws -> CampaignTargets {
        let path = (formsDirectory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return CampaignTargets(start: "2000-01-01", targets: []) }
        return try parse(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    public static func parse(yaml: String, file: String) throws -> CampaignTargets {
        func problem(_ node: Node?, _ vi: String, _ en: String) -> FormProblems {
            FormProblems([FormProblem(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, vi: vi, en: en)])
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw problem(nil, "Lỗi cú pháp YAML: \(error)", "YAML syntax error: \(error)")
        }
        guard let map = root?.mapping else { throw problem(root, "Tệp mục tiêu phải là một khối khoá: giá trị", "the targets file must be a mapping") }
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
            let label = labelNode?.mapping.map { LocalizedText(vi: $0["vi"]?.string ?? id, en: $0["en"]?.string) }
                ?? LocalizedText(vi: labelNode?.string ?? id)
            targets.append(Target(id: id, label: label, metric: metric, goal: goal, deadline: deadline))
        }
        return CampaignTargets(start: start, targets: targets)
    }
}
