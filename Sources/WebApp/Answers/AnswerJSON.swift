import Analysis
import Answers
import Forms
import Reports
import Summary

/// The JSON the staff answer routes speak (described in openapi.yaml as Answer and AnswerItem).
enum AnswerJSON {
    static func version(_ version: AnswerVersion) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(version.id),
            "target": .object(["kind": .string(version.target.kind), "id": .string(version.target.id)]),
            "office": .string(version.office),
            "status": .string(version.status.rawValue),
            "statusLabel": .object(["vi": .string(version.status.labelVI), "en": .string(version.status.labelEN)]),
            "text": .string(version.text),
            "draft": .bool(version.isDraft),
            "draftedAt": .string(version.draftedAt),
            "source": .string(version.source),
        ]
        object["reason"] = version.reason.map(JSONValue.string) ?? .null
        object["solution"] = version.solution.map(JSONValue.string) ?? .null
        object["dueDate"] = version.dueDate.map(JSONValue.string) ?? .null
        object["publishedAt"] = version.publishedAt.map(JSONValue.string) ?? .null
        return .object(object)
    }

    static func item(_ item: AnswerItem) -> JSONValue {
        .object([
            "kind": .string(item.target.kind),
            "id": .string(item.target.id),
            "theme": .string(item.theme),
            "wording": .string(item.wording),
            "entries": .int(item.entries),
            "asks": item.asks.map(JSONValue.int) ?? .null,
            "schools": .array(item.schools.map(JSONValue.string)),
            "origin": item.origin.map(JSONValue.string) ?? .null,
            "createdDay": .string(item.createdDay),
            "dueDate": .string(item.dueDate),
            "overdue": .bool(item.overdue),
            "office": item.office.map(JSONValue.string) ?? .null,
            "status": .string(item.status.rawValue),
            "published": item.published.map(version) ?? .null,
            "draft": item.draft.map(version) ?? .null,
        ])
    }

    static func tally(_ tally: Summary.AnswerTally) -> JSONValue {
        func counts(_ values: [String: Summary.AnswerCount]) -> JSONValue {
            .object(values.mapValues { .object(["asked": .int($0.asked), "answered": .int($0.answered)]) })
        }
        return .object([
            "asked": .int(tally.asked),
            "answered": .int(tally.answered),
            "share": tally.share.map(JSONValue.double) ?? .null,
            "byStatus": .object(tally.byStatus.mapValues(JSONValue.int)),
            "theme": counts(tally.theme),
            "school": counts(tally.school),
        ])
    }
}
