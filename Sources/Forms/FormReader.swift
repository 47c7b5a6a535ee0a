import Foundation
import Yams

/// Walks the YAML tree of a form. Keeps going after a mistake so one run reports them all.
struct FormReader {
    let file: String
    private(set) var problems: [FormProblem] = []

    init(file: String) { self.file = file }

    private static let formKeys: Set<String> = ["id", "version", "title", "description", "themes", "fields"]
    private static let themeKeys: Set<String> = ["code", "name", "description", "keywords"]
    private static let fieldKeys: Set<String> = [
        "id", "type", "label", "help", "required", "role", "maxLength", "min", "max", "choices",
    ]
    private static let choiceKeys: Set<String> = ["code", "label", "description"]

    mutating func readForm(_ root: Node) -> Form? {
        guard let map = mapping(root, what: ("biểu mẫu", "the form")) else { return nil }
        checkKeys(map, allowed: Self.formKeys)

        let id = requiredSlug(
            map, "id", in: root, pattern: #"^[a-z0-9]+(-[a-z0-9]+)*$"#,
            hint: (
                "chữ thường, số và dấu gạch ngang, ví dụ dien-dan-tre-em",
                "lower-case letters, digits and dashes, e.g. dien-dan-tre-em"
            ))
        var version: Int?
        if let node = require(map, "version", in: root) {
            if let value = node.int, value >= 1, node.scalar?.style == .plain {
                version = value
            } else {
                problem(
                    node, vi: "`version` phải là số nguyên dương, ví dụ 1",
                    en: "`version` must be a positive integer, e.g. 1")
            }
        }
        let title = require(map, "title", in: root).flatMap { localized($0, key: "title") }
        let description = map["description"].flatMap { localized($0, key: "description") }

        let themes = readThemes(map, root: root)
        let fields = readFields(map, root: root, themes: themes)

        guard let id, let version, let title else { return nil }
        return Form(
            id: id, version: version, title: title, description: description,
            themes: themes, fields: fields)
    }

    // MARK: Themes

    private mutating func readThemes(_ map: Node.Mapping, root: Node) -> [Theme] {
        guard let node = require(map, "themes", in: root),
            let items = sequence(node, what: ("danh mục chủ đề `themes`", "the theme catalogue `themes`"))
        else { return [] }
        if items.isEmpty {
            problem(
                node, vi: "Danh mục chủ đề `themes` cần ít nhất một chủ đề",
                en: "the theme catalogue `themes` needs at least one theme")
        }
        var themes: [Theme] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let theme = mapping(item, what: ("một chủ đề", "a theme")) else { continue }
            checkKeys(theme, allowed: Self.themeKeys)
            let code = requiredSlug(
                theme, "code", in: item, pattern: #"^[a-z][a-z0-9_]*$"#,
                hint: (
                    "chữ thường, số và dấu gạch dưới, ví dụ online_safety",
                    "lower-case letters, digits and underscores, e.g. online_safety"
                ))
            if let code, let codeNode = theme["code"] {
                if let firstLine = seen[code] {
                    problem(
                        codeNode, vi: "Mã chủ đề `\(code)` bị trùng (đã có ở dòng \(firstLine)); mỗi chủ đề cần một mã riêng",
                        en: "duplicated theme code `\(code)` (already on line \(firstLine)); give each theme its own code")
                } else {
                    seen[code] = codeNode.mark?.line ?? 0
                }
            }
            let name = require(theme, "name", in: item).flatMap { localized($0, key: "name") }
            let description = require(theme, "description", in: item).flatMap { localized($0, key: "description") }
            var keywords: [String] = []
            if let node = require(theme, "keywords", in: item),
                let list = sequence(node, what: ("`keywords`", "`keywords`"))
            {
                for keyword in list {
                    if let text = scalarString(keyword), !text.isEmpty {
                        keywords.append(text)
                    } else {
                        problem(keyword, vi: "Từ khoá phải là một chuỗi chữ", en: "a keyword must be a string")
                    }
                }
                if list.isEmpty {
                    problem(
                        node, vi: "Chủ đề cần ít nhất một từ khoá gợi ý",
                        en: "a theme needs at least one seed keyword")
                }
            }
            if let code, let name, let description {
                themes.append(Theme(code: code, name: name, description: description, keywords: keywords))
            }
        }
        return themes
    }

    // MARK: Fields

    private mutating func readFields(_ map: Node.Mapping, root: Node, themes: [Theme]) -> [Field] {
        guard let node = require(map, "fields", in: root),
            let items = sequence(node, what: ("danh sách trường `fields`", "the field list `fields`"))
        else { return [] }
        var fields: [Field] = []
        var seenIDs: [String: Int] = [:]
        var seenRoles: [Role: Int] = [:]
        for item in items {
            guard let field = readField(item, themes: themes) else { continue }
            let fieldMap = item.mapping
            if let idNode = fieldMap?["id"] {
                if let first = seenIDs[field.id] {
                    problem(
                        idNode, vi: "Mã trường `\(field.id)` bị trùng (đã có ở dòng \(first)); đổi thành một mã khác",
                        en: "duplicated field id `\(field.id)` (already on line \(first)); rename one of them")
                    continue
                }
                seenIDs[field.id] = idNode.mark?.line ?? 0
            }
            if let role = field.role, !role.allowsSeveralFields, let roleNode = fieldMap?["role"] {
                if let first = seenRoles[role] {
                    problem(
                        roleNode, vi: "Vai trò `\(role.rawValue)` đã được gán cho trường ở dòng \(first); mỗi vai trò chỉ dùng cho một trường",
                        en: "role `\(role.rawValue)` is already on the field at line \(first); each role may be on one field only")
                } else {
                    seenRoles[role] = roleNode.mark?.line ?? 0
                }
            }
            fields.append(field)
        }
        // Roles are read from the YAML, not from the fields that passed, so one broken field
        // does not also report its role as missing.
        let declaredRoles = Set(items.compactMap { $0.mapping?["role"]?.string.flatMap(Role.init(rawValue:)) })
        for role in [Role.school, .voice] where !declaredRoles.contains(role) {
            let (vi, en) =
                role == .school
                ? (
                    "Biểu mẫu cần một trường có `role: school` (trường học của trẻ)",
                    "the form needs a field with `role: school` (the child's school)"
                )
                : (
                    "Biểu mẫu cần ít nhất một trường có `role: voice` (lời của trẻ, kiểu text hoặc longtext)",
                    "the form needs at least one field with `role: voice` (the child's own words, type text or longtext)"
                )
            problem(keyNode(map, "fields") ?? node, vi: vi, en: en)
        }
        return fields
    }

    private mutating func readField(_ node: Node, themes: [Theme]) -> Field? {
        guard let map = mapping(node, what: ("một trường", "a field")) else { return nil }
        checkKeys(map, allowed: Self.fieldKeys)
        let id = requiredSlug(
            map, "id", in: node, pattern: #"^[a-z][a-z0-9_]*$"#,
            hint: (
                "chữ thường, số và dấu gạch dưới, bắt đầu bằng chữ, ví dụ noi_dung",
                "lower-case letters, digits and underscores, starting with a letter, e.g. noi_dung"
            ))
        var type: FieldType?
        if let typeNode = require(map, "type", in: node), let raw = scalarString(typeNode) {
            type = FieldType(rawValue: raw)
            if type == nil {
                let known = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
                problem(
                    typeNode, vi: "Kiểu trường không hợp lệ `\(raw)`; dùng một trong: \(known)",
                    en: "unknown field type `\(raw)`; use one of: \(known)")
            }
        }
        let label = require(map, "label", in: node).flatMap { localized($0, key: "label") }
        let help = map["help"].flatMap { localized($0, key: "help") }
        let required = map["required"].flatMap { boolean($0, key: "required") } ?? false

        var role: Role?
        if let roleNode = map["role"], let raw = scalarString(roleNode) {
            role = Role(rawValue: raw)
            if role == nil {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                problem(
                    roleNode, vi: "Vai trò không hợp lệ `\(raw)`; dùng một trong: \(known)",
                    en: "unknown role `\(raw)`; use one of: \(known)")
            } else if let role, let type, !role.allowedTypes.contains(type) {
                let allowed = role.allowedTypes.map(\.rawValue).sorted().joined(separator: ", ")
                problem(
                    roleNode, vi: "Vai trò `\(raw)` không dùng được cho trường kiểu `\(type.rawValue)`; đổi kiểu thành: \(allowed)",
                    en: "role `\(raw)` cannot be on a field of type `\(type.rawValue)`; change the type to: \(allowed)")
            }
        }

        let maxLength = optionalInt(map, "maxLength", allowedFor: [.text, .longtext], type: type, minimum: 1)
        if type == .longtext, map["maxLength"] == nil {
            problem(
                keyNode(map, "type") ?? node, vi: "Trường `longtext` cần `maxLength` (số ký tự tối đa)",
                en: "a `longtext` field needs `maxLength` (the largest number of characters)")
        }
        let min = optionalInt(map, "min", allowedFor: [.integer], type: type, minimum: nil)
        let max = optionalInt(map, "max", allowedFor: [.integer], type: type, minimum: nil)
        if let min, let max, min > max, let maxNode = map["max"] {
            problem(maxNode, vi: "`max` (\(max)) nhỏ hơn `min` (\(min))", en: "`max` (\(max)) is below `min` (\(min))")
        }

        var choices = readChoices(map, field: node, type: type)
        if let type, [.choice, .multichoice].contains(type), choices.isEmpty, map["choices"] == nil {
            if role == .theme {
                // A theme field offers the form's catalogue unless it lists its own choices.
                choices = themes.map { Choice(code: $0.code, label: $0.name, description: $0.description) }
            } else {
                problem(
                    keyNode(map, "type") ?? node,
                    vi: "Trường kiểu `\(type.rawValue)` cần danh sách `choices` (mỗi lựa chọn có `code` và `label`)",
                    en: "a `\(type.rawValue)` field needs a `choices` list (each with a `code` and a `label`)")
            }
        }
        checkChoiceCodes(map, role: role, themes: themes)

        guard let id, let type, let label else { return nil }
        return Field(
            id: id, type: type, label: label, help: help, required: required, role: role,
            maxLength: maxLength, min: min, max: max, choices: choices)
    }

    private mutating func readChoices(_ map: Node.Mapping, field: Node, type: FieldType?) -> [Choice] {
        guard let node = map["choices"] else { return [] }
        if let type, ![.choice, .multichoice].contains(type) {
            problem(
                keyNode(map, "choices") ?? node,
                vi: "`choices` chỉ dùng cho trường kiểu choice hoặc multichoice, không dùng cho `\(type.rawValue)`",
                en: "`choices` belongs to choice or multichoice fields, not to `\(type.rawValue)`")
            return []
        }
        guard let items = sequence(node, what: ("`choices`", "`choices`")) else { return [] }
        if items.isEmpty {
            problem(
                node, vi: "Danh sách `choices` đang trống; thêm ít nhất một lựa chọn",
                en: "the `choices` list is empty; add at least one choice")
        }
        var choices: [Choice] = []
        var seen: Set<String> = []
        for item in items {
            guard let choice = mapping(item, what: ("một lựa chọn", "a choice")) else { continue }
            checkKeys(choice, allowed: Self.choiceKeys)
            let code = requiredSlug(
                choice, "code", in: item, pattern: #"^[A-Za-z0-9][A-Za-z0-9_-]*$"#,
                hint: ("chữ không dấu, số, dấu gạch dưới", "ASCII letters, digits, underscores"))
            let label = require(choice, "label", in: item).flatMap { localized($0, key: "label") }
            let description = choice["description"].flatMap { localized($0, key: "description") }
            if let code, !seen.insert(code).inserted, let codeNode = choice["code"] {
                problem(
                    codeNode, vi: "Mã lựa chọn `\(code)` bị trùng trong cùng một trường",
                    en: "duplicated choice code `\(code)` in one field")
                continue
            }
            if let code, let label {
                choices.append(Choice(code: code, label: label, description: description))
            }
        }
        return choices
    }

    /// Kind and theme choices must be codes the rest of the product understands.
    private mutating func checkChoiceCodes(_ map: Node.Mapping, role: Role?, themes: [Theme]) {
        guard let role, role == .kind || role == .theme, let items = map["choices"]?.sequence else { return }
        let known: [String] = role == .kind ? EntryKind.allCases.map(\.rawValue) : themes.map(\.code)
        for item in items {
            guard let codeNode = item.mapping?["code"], let code = scalarString(codeNode),
                !known.contains(code)
            else { continue }
            let list = known.joined(separator: ", ")
            let (vi, en) =
                role == .kind
                ? (
                    "Loại ý kiến `\(code)` không có trong danh sách của sản phẩm; dùng: \(list)",
                    "kind `\(code)` is not one the product knows; use: \(list)"
                )
                : (
                    "Chủ đề `\(code)` không có trong danh mục `themes` của biểu mẫu; dùng: \(list)",
                    "theme `\(code)` is not in the form's `themes` catalogue; use: \(list)"
                )
            problem(codeNode, vi: vi, en: en)
        }
    }

    // MARK: Scalars and shapes

    private mutating func optionalInt(
        _ map: Node.Mapping, _ key: String, allowedFor types: Set<FieldType>,
        type: FieldType?, minimum: Int?
    ) -> Int? {
        guard let node = map[key] else { return nil }
        if let type, !types.contains(type) {
            let allowed = types.map(\.rawValue).sorted().joined(separator: ", ")
            problem(
                keyNode(map, key) ?? node,
                vi: "`\(key)` chỉ dùng cho trường kiểu \(allowed), không dùng cho `\(type.rawValue)`",
                en: "`\(key)` belongs to \(allowed) fields, not to `\(type.rawValue)`")
            return nil
        }
        guard node.scalar?.style == .plain, let value = node.int else {
            problem(node, vi: "`\(key)` phải là một số nguyên", en: "`\(key)` must be an integer")
            return nil
        }
        if let minimum, value < minimum {
            problem(node, vi: "`\(key)` phải lớn hơn hoặc bằng \(minimum)", en: "`\(key)` must be at least \(minimum)")
            return nil
        }
        return value
    }

    private mutating func boolean(_ node: Node, key: String) -> Bool? {
        if node.scalar?.style == .plain, let value = node.bool { return value }
        problem(node, vi: "`\(key)` phải là true hoặc false", en: "`\(key)` must be true or false")
        return nil
    }

    /// A label may be a plain string (Vietnamese) or `{vi: ..., en: ...}`.
    private mutating func localized(_ node: Node, key: String) -> LocalizedText? {
        if let text = scalarString(node) {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                problem(node, vi: "`\(key)` đang trống", en: "`\(key)` is empty")
                return nil
            }
            return LocalizedText(vi: text)
        }
        guard let map = node.mapping else {
            problem(
                node, vi: "`\(key)` phải là một chuỗi chữ hoặc khối có `vi` và `en`",
                en: "`\(key)` must be a string or a mapping with `vi` and `en`")
            return nil
        }
        checkKeys(map, allowed: ["vi", "en"])
        guard let viNode = map["vi"], let vi = scalarString(viNode), !vi.isEmpty else {
            problem(node, vi: "`\(key)` cần bản tiếng Việt `vi`", en: "`\(key)` needs a Vietnamese text `vi`")
            return nil
        }
        return LocalizedText(vi: vi, en: map["en"].flatMap(scalarString))
    }

    private mutating func requiredSlug(
        _ map: Node.Mapping, _ key: String, in parent: Node, pattern: String,
        hint: (String, String)
    ) -> String? {
        guard let node = require(map, key, in: parent) else { return nil }
        guard let text = scalarString(node), text.range(of: pattern, options: .regularExpression) != nil else {
            problem(node, vi: "`\(key)` không hợp lệ; dùng \(hint.0)", en: "`\(key)` is not valid; use \(hint.1)")
            return nil
        }
        return text
    }

    private mutating func require(_ map: Node.Mapping, _ key: String, in parent: Node) -> Node? {
        if let node = map[key] { return node }
        problem(parent, vi: "Thiếu khoá bắt buộc `\(key)`", en: "missing required key `\(key)`")
        return nil
    }

    private mutating func mapping(_ node: Node, what: (String, String)) -> Node.Mapping? {
        if let map = node.mapping { return map }
        problem(
            node, vi: "\(what.0.capitalizedFirst) phải là một khối `khoá: giá trị`",
            en: "\(what.1) must be a mapping of `key: value` pairs")
        return nil
    }

    private mutating func sequence(_ node: Node, what: (String, String)) -> Node.Sequence? {
        if let list = node.sequence { return list }
        problem(
            node, vi: "\(what.0.capitalizedFirst) phải là một danh sách (mỗi mục bắt đầu bằng `- `)",
            en: "\(what.1) must be a list (each item starting with `- `)")
        return nil
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: Set<String>) {
        for key in map.keys {
            guard let name = key.string, !allowed.contains(name) else { continue }
            let list = allowed.sorted().joined(separator: ", ")
            problem(
                key, vi: "Khoá lạ `\(name)`; các khoá dùng được ở đây: \(list)",
                en: "unknown key `\(name)`; the keys allowed here are: \(list)")
        }
    }

    private func keyNode(_ map: Node.Mapping, _ key: String) -> Node? {
        map.keys.first { $0.string == key }
    }

    private func scalarString(_ node: Node) -> String? {
        guard let scalar = node.scalar else { return nil }
        return scalar.string.precomposedStringWithCanonicalMapping
    }

    private mutating func problem(_ node: Node, vi: String, en: String) {
        let mark = node.mark
        problems.append(FormProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, vi: vi, en: en))
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
