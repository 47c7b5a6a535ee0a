import Forms
import Foundation

/// What the children's form template shows: one `FieldView` per field of the form definition, in
/// its order, with what the child typed and the error beside it when an entry was refused.
/// Rendered by `child-form.mustache`; every string here is escaped by the template.
struct ChildFormPage: Sendable {
    var pageTitle: String
    var schoolName: String
    var formTitle: String
    var formDescription: String?
    var action: String
    var thanksURL: String
    /// Where the script goes when the server says the child should see the hotline first.
    var thanksHotlineURL: String
    var clientID: String
    var formID: String
    var formVersion: Int
    var fields: [FieldView]
    var errorLinks: [ErrorLink]
    var hasErrors: Bool
    var notice: String?
    var assets: AssetPaths

    struct ErrorLink: Sendable {
        var anchor: String
        var message: String
    }

    /// - Parameters:
    ///   - typed: what the child sent, by field id (empty on a fresh form).
    ///   - errors: the refusals to show beside their fields.
    init(
        form: Form, school: SchoolHeading, clientID: String, typed: URLEncodedFields = URLEncodedFields(""),
        errors: [FieldError] = [], notice: String? = nil, assets: AssetPaths
    ) {
        let byField = Dictionary(grouping: errors, by: \.field)
        pageTitle = "Gửi ý kiến — \(school.name)"
        schoolName = school.name
        formTitle = form.title.vi
        formDescription = form.description?.vi
        action = ChildFormPaths.form(school)
        thanksURL = ChildFormPaths.thanks(school)
        thanksHotlineURL = ChildFormPaths.thanks(school, hotline: true)
        self.clientID = clientID
        formID = form.id
        formVersion = form.version
        fields = form.fields.map { field in
            FieldView(
                field: field, typed: typed.all(field.id), school: school.code,
                errors: byField[field.id] ?? [])
        }
        let shown = Set(form.fields.filter { $0.role != .school }.map(\.id))
        errorLinks = errors.map { error in
            ErrorLink(
                anchor: shown.contains(error.field) ? FieldView.anchor(error.field) : "child-form",
                message: error.messageVI)
        }
        hasErrors = !errors.isEmpty
        self.notice = notice
        self.assets = assets
    }
}

/// The school named at the top of the form, as the registry writes it, and its link key.
struct SchoolHeading: Sendable {
    var code: String
    var name: String
    var linkKey: String
}

/// Every address of a school's form carries its key (`?k=`), so the pages link to each other
/// without the child ever seeing or typing it.
enum ChildFormPaths {
    static func form(_ school: SchoolHeading) -> String { base(school.code) + "?k=" + school.linkKey }
    /// `hotline`: the thank-you page opens with the 111 hotline (the entry read as a disclosure).
    static func thanks(_ school: SchoolHeading, hotline: Bool = false) -> String {
        base(school.code) + "/cam-on?k=" + school.linkKey + (hotline ? "&\(hotlineParameter)=\(SafeguardingScreen.hotline)" : "")
    }
    static let hotlineParameter = "goi"
    /// The answers to this school's questions and recommendations, for the children (same key).
    static func answers(_ school: SchoolHeading) -> String { base(school.code) + "/tra-loi?k=" + school.linkKey }
    private static func base(_ code: String) -> String {
        "/f/" + (code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code)
    }
}

/// One field, shaped by its type: the template has one branch per type, not per field.
struct FieldView: Sendable {
    var name: String
    var anchor: String
    var inputID: String
    var label: String
    var help: String?
    var helpID: String
    var required: Bool
    var hidden: Bool
    var value: String
    var type: String
    var isLine: Bool
    var isLongtext: Bool
    var isNumber: Bool
    var isDate: Bool
    var isGroup: Bool
    var isCheckbox: Bool
    var checked: Bool
    var choices: [ChoiceView]
    var errorMessage: String?
    var errorID: String
    /// nil rather than empty: an empty string would still open a Mustache section.
    var describedBy: String?
    var maxLength: Int?
    var min: Int?
    var max: Int?

    static func anchor(_ fieldID: String) -> String { "field-\(fieldID)" }

    init(field: Field, typed: [String], school: String, errors: [FieldError]) {
        name = field.id
        anchor = Self.anchor(field.id)
        inputID = "input-\(field.id)"
        label = field.label.vi
        help = field.help?.vi
        helpID = "help-\(field.id)"
        required = field.required
        hidden = field.role == .school
        value = hidden ? school : (typed.first ?? "")
        type = field.type.rawValue
        isLine = field.type == .text && !hidden
        isLongtext = field.type == .longtext
        isNumber = field.type == .integer
        isDate = field.type == .date
        isGroup = field.type == .choice || field.type == .multichoice
        isCheckbox = field.type == .boolean
        checked = field.type == .boolean && WebFormAnswers.answer(field, typed) == .bool(true)
        errorMessage = errors.isEmpty ? nil : errors.map(\.messageVI).joined(separator: " ")
        errorID = "error-\(field.id)"
        let described = [field.help == nil ? nil : helpID, errors.isEmpty ? nil : errorID].compactMap { $0 }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
        if field.type == .text || field.type == .longtext {
            maxLength = field.maxLength ?? defaultTextMaxLength
        }
        min = field.min
        max = field.max
        choices = Self.choices(field, typed: typed)
    }

    private static func choices(_ field: Field, typed: [String]) -> [ChoiceView] {
        guard field.type == .choice || field.type == .multichoice else { return [] }
        let inputType = field.type == .choice ? "radio" : "checkbox"
        let selected = Set(typed)
        var views = field.choices.enumerated().map { index, choice in
            ChoiceView(
                inputID: "input-\(field.id)-\(index)", inputName: field.id, inputType: inputType,
                code: choice.code, text: choice.label.vi, detail: choice.description?.vi,
                selected: selected.contains(choice.code))
        }
        // A child unsure of the theme says so rather than picking one at random; staff sort it.
        if field.type == .choice && field.role == .theme && !field.required {
            views.append(
                ChoiceView(
                    inputID: "input-\(field.id)-unsure", inputName: field.id, inputType: inputType,
                    code: "", text: "Em không chắc", detail: "Thầy cô sẽ xếp giúp em.",
                    selected: selected.isDisjoint(with: field.choices.map(\.code))))
        }
        return views
    }
}

struct ChoiceView: Sendable {
    var inputID: String
    var inputName: String
    var inputType: String
    var code: String
    var text: String
    var detail: String?
    var selected: Bool
}
