import Events
import Foundation
import Hummingbird
import MultipartKit
import Summary

/// An event's photos and documents on its page: the upload (type by content, 5 MB, a photo's
/// location and author metadata removed before it is kept), each file shown back, and the
/// per-file consent that lets it go upward. Who records the event's unit's events uploads and
/// changes consent; whoever may see the event sees its files.
struct EvidencePagesController {
    let environment: ServerEnvironment
    let events: EventPagesController

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("staff/events/{id}/evidence", use: upload)
        group.get("staff/events/{id}/evidence/{sha256}", use: file)
        group.post("staff/events/{id}/evidence/{sha256}/consent", use: consent)
    }

    private struct Upload: Decodable {
        var file: Data?
        var consent: String?
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await events.event(context, staff)
        var request = request
        let body = try await request.collectBody(upTo: EvidenceFile.maxBytes + 256 * 1024)
        guard let boundary = Multipart.boundary(request.headers[.contentType]),
            let upload = try? FormDataDecoder().decode(Upload.self, from: body, boundary: boundary),
            let data = upload.file, !data.isEmpty
        else {
            return try await events.renderEvent(staff, context, event, errors: ["file": "Chọn một ảnh (JPEG, PNG) hoặc tệp PDF."],
                                                status: .unprocessableContent)
        }
        let consent = upload.consent != nil
        do {
            switch try await environment.events.attach(event: event.id, data: data, consent: consent, actor: staff.username) {
            case let .stored(item, removedMetadata):
                let what = item.kind == .photo ? "ảnh" : "tài liệu"
                let cleaned = removedMetadata ? " Đã xoá thông tin vị trí, máy chụp trong ảnh." : ""
                let shared = consent ? " Được gửi lên cấp trên." : " Chỉ gửi số lượng và mã kiểm tra lên cấp trên."
                return try await events.renderEvent(staff, context, event, notice: "Đã lưu \(what) (\(item.bytes / 1024) KB).\(cleaned)\(shared)",
                                                    status: .created)
            case .alreadyAttached:
                return try await events.renderEvent(staff, context, event, notice: "Tệp này đã có trong hoạt động; không thêm lần nữa.")
            }
        } catch let refused as EventStore.EvidenceRefused {
            // A page answers 413 for a file too large and 422 for every other refusal, the message beside the field.
            return try await events.renderEvent(staff, context, event, errors: ["file": refused.problem.vi + "."],
                                                status: refused.problem.status == 413 ? .contentTooLarge : .unprocessableContent)
        }
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        let event = try await events.event(context, staff)
        guard let sha = context.parameters.get("sha256"),
            let found = try await environment.events.evidenceFile(event: event.id, sha256: sha)
        else {
            throw APIError(.notFound, code: "not_found", vi: "Không có tệp này", en: "no such file")
        }
        // Shown in the page, never run: the type was read from the bytes when it was stored.
        return Response(
            status: .ok,
            headers: [.contentType: found.contentType, .cacheControl: "private, max-age=3600",
                      .contentDisposition: "inline; filename=\"\(sha.prefix(12)).\(found.contentType == "application/pdf" ? "pdf" : found.contentType == "image/png" ? "png" : "jpg")\""],
            body: .init(byteBuffer: ByteBuffer(bytes: found.data)))
    }

    @Sendable func consent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff()
        try staff.requireMayRecordEvents()
        let event = try await events.event(context, staff)
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let consent = fields["consent"] == "1"
        guard let sha = context.parameters.get("sha256"),
            try await environment.events.setConsent(event: event.id, sha256: sha, consent: consent, actor: staff.username)
        else {
            throw APIError(.notFound, code: "not_found", vi: "Không có tệp này", en: "no such file")
        }
        return try await events.renderEvent(
            staff, context, event,
            notice: consent ? "Tệp sẽ được gửi lên cấp trên." : "Tệp sẽ không được gửi lên cấp trên (chỉ số lượng và mã kiểm tra).")
    }
}
