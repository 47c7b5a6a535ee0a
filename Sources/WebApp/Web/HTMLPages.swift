import Foundation
import Hummingbird
import Mustache

/// The HTML templates (`Resources/templates/*.mustache`) and how a page is answered. Templates
/// use `{{ }}` only, which escapes: whatever a child typed is shown as text, never run.
struct HTMLPages: Sendable {
    let library: MustacheLibrary
    let assets: StaticAssets

    static func bundled() throws -> HTMLPages {
        guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw WebResourceMissing(name: "Resources/templates")
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return HTMLPages(library: library, assets: try StaticAssets.bundled())
    }

    /// A short page with one message (a refusal, an error), in Vietnamese with the English below.
    func message(
        _ status: HTTPResponse.Status, title: String, text: String, english: String? = nil,
        back: String = "/dashboard", backLabel: String = "Về bảng theo dõi"
    ) -> Response {
        var page: [String: Any] = [
            "title": title, "message": text, "back": back, "backLabel": backLabel, "assets": assets.paths,
        ]
        // Only when there is one: mustache renders an absent Optional as the word "nil".
        if let english { page["english"] = english }
        return render("staff-message", page, status: status)
    }

    /// The page as text, for a file written by the command line.
    func html(_ template: String, _ context: Any) throws -> String {
        guard let html = library.render(context, withTemplate: template) else { throw WebResourceMissing(name: template) }
        return html
    }

    /// Every HTML answer of the server goes through here (and its headers through SecurityHeadersMiddleware).
    /// Mustache opens a section for any string, the empty one too, so `{{#nextStep}}…{{/nextStep}}`
    /// would print its label with nothing after it. Empty text is dropped from page contexts (at
    /// every depth) before rendering: an absent value is what the templates test for.
    static func withoutEmptyText(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            var kept: [String: Any] = [:]
            for (key, item) in dictionary {
                if let text = item as? String, text.isEmpty { continue }
                kept[key] = withoutEmptyText(item)
            }
            return kept
        case let list as [[String: Any]]:
            return list.map { withoutEmptyText($0) }
        case let list as [Any]:
            return list.map { withoutEmptyText($0) }
        default:
            return value
        }
    }

    func render(
        _ template: String, _ context: Any, status: HTTPResponse.Status = .ok,
        cache: String = "no-store"
    ) -> Response {
        guard let html = library.render(Self.withoutEmptyText(context), withTemplate: template) else {
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "template \(template) is missing")))
        }
        // The page security headers come from SecurityHeadersMiddleware, like every other answer's.
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.cacheControl] = cache
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
