import Analysis
import Forms
import Foundation
import Storage

/// What became of one submission, whichever door it came through (API, web form, paper import).
public enum IntakeOutcome: Sendable {
    case created(id: String)
    case duplicate(id: String)
    case conflict(id: String)
    case invalid([FieldError])
    /// The database could not take it; nothing was stored and the sender should retry.
    case unavailable(String)

    public var httpStatus: Int {
        switch self {
        case .created: 201
        case .duplicate: 200
        case .conflict: 409
        case .invalid: 422
        case .unavailable: 503
        }
    }
}

/// Turns a submission envelope into a stored entry: reads the envelope, finds the form version,
/// validates the answers, checks the school, and hands the result to the single writer.
public struct SubmissionIntake: Sendable {
    public let forms: FormVersions
    public let schools: SchoolDirectory
    public let writer: SubmissionWriter
    /// Reads the child's words for a disclosure of current harm, before the entry is stored.
    public let screen: SafeguardingScreen

    public init(
        forms: FormVersions, schools: SchoolDirectory, writer: SubmissionWriter,
        screen: SafeguardingScreen = .none
    ) {
        self.forms = forms
        self.schools = schools
        self.writer = writer
        self.screen = screen
    }

    static let envelopeKeys: Set<String> = ["id", "form", "formVersion", "answers", "writtenOn"]

    /// Checks an envelope without storing it: the prepared entry, or every error found.
    public func prepare(
        _ envelope: JSONValue, source: SubmissionSource, now: Date = Date()
    )
        -> Result<NewSubmission, SubmissionErrors>
    {
        guard let object = envelope.objectValue else {
            return .failure(
                SubmissionErrors([
                    FieldError(
                        field: "", code: .wrongType,
                        vi: "Nội dung gửi lên phải là một đối tượng JSON {\"form\": …, \"formVersion\": …, \"answers\": {…}}",
                        en: "the body must be a JSON object {\"form\": …, \"formVersion\": …, \"answers\": {…}}")
                ]))
        }
        var errors: [FieldError] = []
        // Sorted (for a stable order of errors) only when there is an unknown key to report.
        for key in object.keys.contains(where: { !Self.envelopeKeys.contains($0) }) ? object.keys.sorted() : []
        where !Self.envelopeKeys.contains(key) {
            errors.append(
                FieldError(
                    field: key, code: .unknownField,
                    vi: "Khoá lạ «\(key)»; chỉ dùng id, form, formVersion, answers, writtenOn",
                    en: "unknown key «\(key)»; use only id, form, formVersion, answers, writtenOn"))
        }
        let writtenOn = Self.writtenOn(object["writtenOn"], now: now, errors: &errors)
        var id: String?
        if let given = object["id"], given != .null {
            if let text = given.stringValue, let uuid = UUID(uuidString: text) {
                // A valid id already in lower case is its own canonical form: no second string.
                id = text.utf8.count == 36 && !text.utf8.contains(where: { (0x41...0x5A).contains($0) })
                    ? text : uuid.uuidString.lowercased()
            } else {
                errors.append(
                    FieldError(
                        field: "id", code: .wrongType,
                        vi: "«id» phải là một UUID, ví dụ 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        en: "«id» must be a UUID, e.g. 1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
            }
        }
        let form = findForm(object, errors: &errors)
        guard let answers = object["answers"]?.objectValue else {
            errors.append(
                FieldError(
                    field: "answers", code: object["answers"] == nil ? .missingRequired : .wrongType,
                    vi: "Thiếu «answers»: một đối tượng JSON chứa câu trả lời theo mã trường",
                    en: "«answers» must be a JSON object of answers keyed by field id"))
            return .failure(SubmissionErrors(errors))
        }
        guard let form else { return .failure(SubmissionErrors(errors)) }

        // The school is checked even when other answers are wrong, so every error comes back at once.
        var school: String?
        if let schoolField = form.field(role: .school), let given = answers[schoolField.id]?.stringValue,
            !given.isBlank
        {
            school = schools.resolve(given)
            if school == nil {
                errors.append(
                    FieldError(
                        field: schoolField.id, code: .unknownSchool,
                        vi: "Không có trường nào mã «\(given)» trong danh sách; hỏi thầy cô phụ trách mã đúng",
                        en: "no school with code «\(given)» is registered; ask your coordinator for the right code"))
            }
        }
        switch form.validate(answers: answers) {
        case let .failure(failure):
            errors.append(contentsOf: failure.errors)
            return .failure(SubmissionErrors(errors))
        case var .success(validated):
            if !errors.isEmpty { return .failure(SubmissionErrors(errors)) }
            if let school, let schoolField = form.field(role: .school) {
                validated.answers[schoolField.id] = .string(school)
                validated.roles.school = school
            }
            var submission = NewSubmission(
                id: id ?? UUID().uuidString.lowercased(), formID: form.id, formVersion: form.version,
                validated: validated, source: source, receivedAt: now)
            let verdict = screen.assess(validated.roles.voice)
            submission.safeguarding = verdict.flagged
            submission.safeguardingReasons = verdict.reasons
            submission.writtenOn = writtenOn
            return .success(submission)
        }
    }

    /// `writtenOn`: the day a paper form was written (YYYY-MM-DD), not after today in Vietnam.
    static func writtenOn(_ value: JSONValue?, now: Date, errors: inout [FieldError]) -> String? {
        guard let value, value != .null else { return nil }
        let today = LocalCalendar.day(of: now)
        guard let text = value.stringValue, CalendarDate(text) != nil, text >= "2000-01-01", text <= today else {
            errors.append(
                FieldError(
                    field: "writtenOn", code: .wrongType,
                    vi: "«writtenOn» là ngày em viết phiếu, dạng năm-tháng-ngày (ví dụ 2026-05-15), không sau hôm nay",
                    en: "«writtenOn» is the day the form was written, YYYY-MM-DD (e.g. 2026-05-15), not after today"))
            return nil
        }
        return text
    }

    private func findForm(_ object: [String: JSONValue], errors: inout [FieldError]) -> Form? {
        guard let formID = object["form"]?.stringValue else {
            errors.append(
                FieldError(
                    field: "form", code: object["form"] == nil ? .missingRequired : .wrongType,
                    vi: "Thiếu «form»: mã biểu mẫu, ví dụ dien-dan-tre-em",
                    en: "«form» is required: the form id, e.g. dien-dan-tre-em"))
            return nil
        }
        guard forms.latest(id: formID) != nil || !forms.versions(id: formID).isEmpty else {
            let known = forms.latestForms.map(\.id).joined(separator: ", ")
            errors.append(
                FieldError(
                    field: "form", code: .unknownChoice,
                    vi: "Không có biểu mẫu «\(formID)»; các biểu mẫu hiện có: \(known)",
                    en: "no form «\(formID)»; the forms here are: \(known)"))
            return nil
        }
        guard let version = object["formVersion"]?.intValue else {
            errors.append(
                FieldError(
                    field: "formVersion", code: object["formVersion"] == nil ? .missingRequired : .wrongType,
                    vi: "Thiếu «formVersion»: số phiên bản của biểu mẫu, là số nguyên",
                    en: "«formVersion» is required: the form's version, an integer"))
            return nil
        }
        guard let form = forms.form(id: formID, version: version) else {
            let known = forms.versions(id: formID).map(String.init).joined(separator: ", ")
            errors.append(
                FieldError(
                    field: "formVersion", code: .unknownChoice,
                    vi: "Biểu mẫu «\(formID)» không có phiên bản \(version); các phiên bản: \(known)",
                    en: "form «\(formID)» has no version \(version); its versions are: \(known)"))
            return nil
        }
        return form
    }

    /// Validates and stores one envelope; answers only once the entry is committed.
    public func submit(_ envelope: JSONValue, source: SubmissionSource) async -> IntakeOutcome {
        await submitScreened(envelope, source: source).outcome
    }

    /// As `submit`, and whether the entry was held for safeguarding staff: the child is then shown
    /// the 111 hotline first. A retried entry has the same words, so the same answer.
    public func submitScreened(
        _ envelope: JSONValue, source: SubmissionSource
    ) async
        -> (outcome: IntakeOutcome, needsHelp: Bool)
    {
        switch prepare(envelope, source: source) {
        case let .failure(failure):
            return (.invalid(failure.errors), false)
        case let .success(submission):
            return (await store(submission), submission.safeguarding)
        }
    }

    /// Validates and stores many envelopes; one bad item does not hold back the others.
    public func submit(batch envelopes: [JSONValue], source: SubmissionSource) async -> [IntakeOutcome] {
        var outcomes = [IntakeOutcome?](repeating: nil, count: envelopes.count)
        var ready: [(Int, NewSubmission)] = []
        for (index, envelope) in envelopes.enumerated() {
            switch prepare(envelope, source: source) {
            case let .failure(failure): outcomes[index] = .invalid(failure.errors)
            case let .success(submission): ready.append((index, submission))
            }
        }
        let results = await writer.store(ready.map(\.1))
        for ((index, submission), result) in zip(ready, results) {
            outcomes[index] = Self.outcome(result, id: submission.id)
        }
        return outcomes.map { $0! }
    }

    public func store(_ submission: NewSubmission) async -> IntakeOutcome {
        do {
            return Self.outcome(.success(try await writer.store(submission)), id: submission.id)
        } catch {
            return Self.outcome(.failure(error), id: submission.id)
        }
    }

    static func outcome(_ result: Result<StoreOutcome, any Error>, id: String) -> IntakeOutcome {
        switch result {
        case .success(.created): .created(id: id)
        case .success(.duplicate): .duplicate(id: id)
        case .success(.conflict): .conflict(id: id)
        case let .failure(error): .unavailable(String(describing: error))
        }
    }
}
