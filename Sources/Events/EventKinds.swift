import Forms
import Foundation
import Yams

/// The kinds of activity a unit records (the `events: kinds:` block of forms/targets.yaml, or these
/// defaults, from the seed plans): school forums, district and province forums, dialogues where
/// children question leaders, discussion sessions, Children's Council meetings, trainings for
/// coordinators, communication activities.
public struct EventKinds: Sendable, Hashable {
    public struct Kind: Sendable, Hashable {
        public var code: String
        public var label: String
        /// A dialogue with leaders: its questions are shortlisted per leader's office.
        public var isDialogue: Bool
    }

    public var kinds: [Kind]

    public static let defaults = EventKinds(kinds: [
        .init(code: "school_forum", label: "Diễn đàn trẻ em cấp trường", isDialogue: false),
        .init(code: "district_forum", label: "Diễn đàn trẻ em cấp quận, huyện", isDialogue: false),
        .init(code: "province_forum", label: "Diễn đàn trẻ em cấp tỉnh, thành phố", isDialogue: false),
        .init(code: "dialogue", label: "Đối thoại giữa trẻ em với lãnh đạo", isDialogue: true),
        .init(code: "discussion", label: "Buổi thảo luận, sinh hoạt chủ đề", isDialogue: false),
        .init(code: "council_meeting", label: "Họp Hội đồng trẻ em", isDialogue: false),
        .init(code: "training", label: "Tập huấn cho người phụ trách", isDialogue: false),
        .init(code: "communication", label: "Hoạt động truyền thông", isDialogue: false),
    ])

    public func kind(_ code: String) -> Kind? { kinds.first { $0.code == code } }

    /// The `events:` block of the campaign file, when there is one; the defaults otherwise.
    public static func load(formsDirectory: String) throws -> EventKinds {
        let path = (formsDirectory as NSString).appendingPathComponent("targets.yaml")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return defaults }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws -> EventKinds {
        func problem(_ node: Node?, _ vi: String, _ en: String) -> FormProblems {
            FormProblems([FormProblem(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, vi: vi, en: en)])
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw problem(nil, "Lỗi cú pháp YAML: \(error)", "YAML syntax error: \(error)")
        }
        guard let block = root?.mapping?["events"] else { return defaults }
        guard let list = block.mapping?["kinds"]?.sequence, !list.isEmpty else {
            throw problem(block, "`events` cần `kinds`: danh sách loại hoạt động", "`events` needs `kinds`: a list of activity kinds")
        }
        var kinds: [Kind] = []
        for node in list {
            guard let item = node.mapping, let code = item["code"]?.string, !code.isEmpty,
                  code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                throw problem(node, "Mỗi loại hoạt động cần `code` gồm chữ không dấu, số, gạch dưới",
                              "each kind needs a `code` of ASCII letters, digits and underscores")
            }
            guard !kinds.contains(where: { $0.code == code }) else {
                throw problem(item["code"], "`code` «\(code)» bị trùng", "`code` «\(code)» is used twice")
            }
            let label = item["label"]?.mapping?["vi"]?.string ?? item["label"]?.string ?? code
            kinds.append(Kind(code: code, label: label, isDialogue: item["dialogue"]?.bool ?? (code == "dialogue")))
        }
        return EventKinds(kinds: kinds)
    }
}
