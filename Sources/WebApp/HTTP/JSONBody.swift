import Forms
import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body: checks its type and size first, then says where malformed JSON breaks.
enum JSONBody {
    static func read(_ request: Request, limit: Int) async throws -> JSONValue {
        try checkJSON(request)
        // One copy, from the body's buffer straight into the parser's bytes (not through Data).
        return try parse(Array(try await collect(request, limit: limit).readableBytesView))
    }

    /// The checked body as raw bytes, for a route that must see exactly what was sent (a signature check).
    static func readBytes(_ request: Request, limit: Int) async throws -> Data {
        try checkJSON(request)
        return try await readAnyBytes(request, limit: limit)
    }

    private static func checkJSON(_ request: Request) throws {
        // What clients send nearly always, checked without building strings on every entry.
        if let given = request.headers[.contentType], given == "application/json" || given == "application/json; charset=utf-8" {
            return
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmedWhitespace } ?? ""
        guard mediaType == "application/json" else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                vi: "Chỉ nhận nội dung JSON: đặt Content-Type: application/json",
                en: "only JSON is accepted: send Content-Type: application/json")
        }
    }

    /// The body as raw bytes whatever its Content-Type: a file, whose type is read from its content.
    static func readAnyBytes(_ request: Request, limit: Int) async throws -> Data {
        Data(try await collect(request, limit: limit).readableBytesView)
    }

    private static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
        return buffer
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            throw APIError(
                .badRequest, code: "malformed_json",
                vi: "JSON không hợp lệ ở dòng \(error.line), cột \(error.column): \(error.reasonVI)",
                en: "malformed JSON at line \(error.line), column \(error.column): \(error.reasonEN)",
                details: ["line": .int(error.line), "column": .int(error.column)])
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "body_too_large",
            vi: "Nội dung gửi lên quá lớn (tối đa \(limit / 1024) KiB)",
            en: "the body is too large (at most \(limit / 1024) KiB)",
            details: ["limit_bytes": .int(limit)])
    }
}
