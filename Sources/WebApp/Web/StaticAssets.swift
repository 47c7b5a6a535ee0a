import Crypto
import Foundation
import Hummingbird

/// The stylesheets and the script TiengNoi serves itself under `/assets/` (no CDN, no web font:
/// a school tablet may reach nothing but this server). Read once at start-up; each page links an
/// asset with a hash of its content, so a new release is never mixed with a cached old script.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var version: String
    }

    private(set) var byName: [String: Asset] = [:]

    static let contentTypes = [
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
    ]

    /// Every file of `Resources/assets` in the module bundle.
    static func bundled() throws -> StaticAssets {
        guard let directory = Bundle.module.url(forResource: "assets", withExtension: nil, subdirectory: "Resources") else {
            throw WebResourceMissing(name: "Resources/assets")
        }
        var assets = StaticAssets()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let ext = (name as NSString).pathExtension
            guard let type = contentTypes[ext] else { continue }
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            assets.byName[name] = Asset(bytes: bytes, contentType: type, version: String(digest.prefix(12)))
        }
        return assets
    }

    /// The address a page links, e.g. `/assets/child.css?v=3f2a…`.
    func path(_ name: String) -> String {
        "/assets/\(name)" + (byName[name].map { "?v=\($0.version)" } ?? "")
    }

    var paths: AssetPaths {
        AssetPaths(childCSS: path("child.css"), childJS: path("child.js"), dashboardCSS: path("dashboard.css"))
    }
}

/// The asset addresses templates link.
struct AssetPaths: Sendable {
    var childCSS: String
    var childJS: String
    var dashboardCSS: String
}

struct WebResourceMissing: Error, CustomStringConvertible {
    var name: String
    var description: String { "\(name) is missing from the build's resources" }
}
