/// The answers the rest of the product reads, found through roles rather than field names.
public struct RoleValues: Hashable, Sendable {
    public var school: String?
    public var grade: Int?
    public var age: Int?
    public var gender: String?
    public var kind: String?
    public var theme: String?
    /// How many children the entry speaks for: a discussion group's output counts each member.
    public var participants: Int
    /// The child's own words, all voice fields joined by blank lines.
    public var voice: String
    public var consent: Bool?
    /// Private: never leaves the instance.
    public var name: String?

    public init(form: Form, answers: [String: JSONValue]) {
        func value(_ role: Role) -> JSONValue? { form.field(role: role).flatMap { answers[$0.id] } }
        func integer(_ role: Role) -> Int? {
            switch value(role) {
            case let .int(number)?: number
            case let .string(code)?: Int(code)
            default: nil
            }
        }
        school = value(.school)?.stringValue
        grade = integer(.grade)
        age = integer(.age)
        gender = value(.gender)?.stringValue
        kind = value(.kind)?.stringValue
        theme = value(.theme)?.stringValue
        participants = integer(.participants) ?? 1
        voice = form.fields(role: .voice)
            .compactMap { answers[$0.id]?.stringValue }
            .filter { !$0.isEmpty }
            .joined(separator: "\n\n")
        consent = value(.consent)?.boolValue
        name = value(.name)?.stringValue
    }
}
