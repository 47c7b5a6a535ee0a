/// A campaign form as a district office defines it in `forms/*.yaml`.
public struct Form: Codable, Hashable, Sendable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var description: LocalizedText?
    public var themes: [Theme]
    public var fields: [Field]

    public init(
        id: String, version: Int, title: LocalizedText, description: LocalizedText? = nil,
        themes: [Theme], fields: [Field]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.themes = themes
        self.fields = fields
    }

    public func field(id: String) -> Field? { fields.first { $0.id == id } }

    /// The first field carrying a role; only `voice` may appear on several fields.
    public func field(role: Role) -> Field? { fields.first { $0.role == role } }

    public func fields(role: Role) -> [Field] { fields.filter { $0.role == role } }

    public func theme(code: String) -> Theme? { themes.first { $0.code == code } }
}

/// One entry of the theme catalogue. Codes are what the rest of the product stores.
public struct Theme: Codable, Hashable, Sendable {
    public var code: String
    public var name: LocalizedText
    /// One child-friendly sentence, shown beside the choice on the children's form.
    public var description: LocalizedText
    /// Seed keywords with diacritics; the aggregator folds them for matching.
    public var keywords: [String]

    public init(code: String, name: LocalizedText, description: LocalizedText, keywords: [String]) {
        self.code = code
        self.name = name
        self.description = description
        self.keywords = keywords
    }
}

public enum FieldType: String, Codable, CaseIterable, Sendable {
    case text, longtext, integer, choice, multichoice, boolean, date
}

/// What a field means to the product; code reads roles, never field names.
public enum Role: String, Codable, CaseIterable, Sendable {
    case school, grade, age, gender, kind, theme, voice, participants, consent, name

    /// The field types a role may sit on.
    public var allowedTypes: Set<FieldType> {
        switch self {
        case .school: [.text, .choice]
        case .grade: [.integer, .choice]
        case .age: [.integer]
        case .gender: [.choice]
        case .kind: [.choice]
        case .theme: [.choice]
        case .voice: [.text, .longtext]
        case .participants: [.integer]
        case .consent: [.boolean]
        case .name: [.text]
        }
    }

    /// Only the child's own words may be spread over several fields.
    public var allowsSeveralFields: Bool { self == .voice }
}

public struct Choice: Codable, Hashable, Sendable {
    public var code: String
    public var label: LocalizedText
    public var description: LocalizedText?

    public init(code: String, label: LocalizedText, description: LocalizedText? = nil) {
        self.code = code
        self.label = label
        self.description = description
    }
}

public struct Field: Codable, Hashable, Sendable {
    public var id: String
    public var type: FieldType
    public var label: LocalizedText
    public var help: LocalizedText?
    public var required: Bool
    public var role: Role?
    public var maxLength: Int?
    public var min: Int?
    public var max: Int?
    public var choices: [Choice]

    public init(
        id: String, type: FieldType, label: LocalizedText, help: LocalizedText? = nil,
        required: Bool = false, role: Role? = nil, maxLength: Int? = nil,
        min: Int? = nil, max: Int? = nil, choices: [Choice] = []
    ) {
        self.id = id
        self.type = type
        self.label = label
        self.help = help
        self.required = required
        self.role = role
        self.maxLength = maxLength
        self.min = min
        self.max = max
        self.choices = choices
    }

    public func choice(code: String) -> Choice? { choices.first { $0.code == code } }
}

/// The codes the product understands for the `kind` role.
public enum EntryKind: String, CaseIterable, Sendable {
    case question, opinion, recommendation, initiative, message
}
