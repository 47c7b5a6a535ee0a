import Forms
import Foundation
import Hummingbird

/// An error answered as JSON with a code and a message in Vietnamese and English; field errors
/// when the problem is in the answers.
public struct APIError: HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var messageVI: String
    public var messageEN: String
    public var errors: [FieldError]
    public var details: [String: JSONValue]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, vi: String, en: String,
        errors: [FieldError] = [], details: [String: JSONValue] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.messageVI = vi
        self.messageEN = en
        self.errors = errors
        self.details = details
        self.headers = headers
    }

    public var body: JSONValue {
        var object = details
        object["error"] = .string(code)
        object["message_vi"] = .string(messageVI)
        object["message_en"] = .string(messageEN)
        if !errors.isEmpty { object["errors"] = .array(errors.map(\.json)) }
        return .object(object)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    public static func validation(_ errors: [FieldError]) -> APIError {
        APIError(
            .unprocessableContent, code: "invalid_submission",
            vi: "Ý kiến chưa hợp lệ: xem từng lỗi bên dưới",
            en: "the submission is not valid: see each error below", errors: errors)
    }
}

extension FieldError {
    var json: JSONValue {
        .object([
            "field": .string(field), "code": .string(code.rawValue),
            "message_vi": .string(messageVI), "message_en": .string(messageEN),
        ])
    }
}

extension Response {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(value.canonicalString())
        return Response(status: status, headers: jsonHeaders, body: .init(byteBuffer: buffer))
    }

    /// Made once and shared (copy on write): a header literal builds its storage on every answer.
    static let jsonHeaders: HTTPFields = [.contentType: "application/json; charset=utf-8"]
}
