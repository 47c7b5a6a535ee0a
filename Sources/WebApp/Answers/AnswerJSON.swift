import Analysis
import Answers
import Forms
import Foundation
import Hummingbird
import Reports
import Summary

/// What the staff answer routes answer, as `Encodable` structs (described in openapi.yaml as
/// Answer, AnswerItem and AnswerShare). Optional fields are written as `null`, not left out, as
/// the description says.
struct AnswerVersionBody: Encodable {
    struct Target: Encodable { var kind: String; var id: String }
    var id: String
    var target: Target
    var office: String
    var status: String
    var statusLabel: LocalizedText
    var text: String
    var draft: Bool
    var draftedAt: String
    var source: String
    var reason: String?
    var solution: String?
    var dueDate: String?
    var publishedAt: String?

    init(_ version: AnswerVersion) {
        id = version.id
        target = Target(kind: version.target.kind, id: version.target.id)
        office = version.office
        status = version.status.rawValue
        statusLabel = LocalizedText(vi: version.status.labelVI, en: version.status.labelEN)
        text = version.text
        draft = version.isDraft
        draftedAt = version.draftedAt
        source = version.source
        reason = version.reason
        solution = version.solution
        dueDate = version.dueDate
        publishedAt = version.publishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, target, office, status, statusLabel, text, draft, draftedAt, source, reason, solution, dueDate, publishedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(target, forKey: .target)
        try container.encode(office, forKey: .office)
        try container.encode(status, forKey: .status)
        try container.encode(statusLabel, forKey: .statusLabel)
        try container.encode(text, forKey: .text)
        try container.encode(draft, forKey: .draft)
        try container.encode(draftedAt, forKey: .draftedAt)
        try container.encode(source, forKey: .source)
        try container.encode(reason, forKey: .reason)
        try container.encode(solution, forKey: .solution)
        try container.encode(dueDate, forKey: .dueDate)
        try container.encode(publishedAt, forKey: .publishedAt)
    }
}

struct AnswerEnvelope: Encodable {
    var answer: AnswerVersionBody
}

struct AnswerItemBody: Encodable {
    var kind: String
    var id: String
    var theme: String
    var wording: String
    var entries: Int
    var asks: Int?
    var schools: [String]
    var origin: String?
    var createdDay: String
    var dueDate: String
    var overdue: Bool
    var office: String?
    var status: String
    var published: AnswerVersionBody?
    var draft: AnswerVersionBody?

    init(_ item: AnswerItem) {
        kind = item.target.kind
        id = item.target.id
        theme = item.theme
        wording = item.wording
        entries = item.entries
        asks = item.asks
        schools = item.schools
        origin = item.origin
        createdDay = item.createdDay
        dueDate = item.dueDate
        overdue = item.overdue
        office = item.office
        status = item.status.rawValue
        published = item.published.map(AnswerVersionBody.init)
        draft = item.draft.map(AnswerVersionBody.init)
    }

    enum CodingKeys: String, CodingKey {
        case kind, id, theme, wording, entries, asks, schools, origin, createdDay, dueDate, overdue, office, status,
            published, draft
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(id, forKey: .id)
        try container.encode(theme, forKey: .theme)
        try container.encode(wording, forKey: .wording)
        try container.encode(entries, forKey: .entries)
        try container.encode(asks, forKey: .asks)
        try container.encode(schools, forKey: .schools)
        try container.encode(origin, forKey: .origin)
        try container.encode(createdDay, forKey: .createdDay)
        try container.encode(dueDate, forKey: .dueDate)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(office, forKey: .office)
        try container.encode(status, forKey: .status)
        try container.encode(published, forKey: .published)
        try container.encode(draft, forKey: .draft)
    }
}

struct AnswerItemsBody: Encodable {
    var items: [AnswerItemBody]
    var count: Int
}

struct OverdueBody: Encodable {
    struct Office: Encodable {
        var office: String?
        var count: Int
        var items: [AnswerItemBody]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(office, forKey: .office)
            try container.encode(count, forKey: .count)
            try container.encode(items, forKey: .items)
        }
        enum CodingKeys: String, CodingKey { case office, count, items }
    }
    var offices: [Office]
}

struct AnswerShareBody: Encodable {
    struct Count: Encodable { var asked: Int; var answered: Int }
    var asked: Int
    var answered: Int
    var share: Double?
    var byStatus: [String: Int]
    var theme: [String: Count]
    var school: [String: Count]
    var targets: [Summary.TargetStatus]

    init(_ tally: Summary.AnswerTally, targets: [Summary.TargetStatus]) {
        asked = tally.asked
        answered = tally.answered
        share = tally.share
        byStatus = tally.byStatus
        theme = tally.theme.mapValues { Count(asked: $0.asked, answered: $0.answered) }
        school = tally.school.mapValues { Count(asked: $0.asked, answered: $0.answered) }
        self.targets = targets
    }

    enum CodingKeys: String, CodingKey { case asked, answered, share, byStatus, theme, school, targets }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asked, forKey: .asked)
        try container.encode(answered, forKey: .answered)
        try container.encode(share, forKey: .share)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode(theme, forKey: .theme)
        try container.encode(school, forKey: .school)
        try container.encode(targets, forKey: .targets)
    }
}

extension Response {
    /// An `Encodable` body as JSON with sorted keys, like every JSON answer of the server.
    static func encoded(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
