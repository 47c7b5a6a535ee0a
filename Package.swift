// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tiengnoi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tiengnoi", targets: ["tiengnoi"]),
        // For scripts/bench-lib/floor-server only: the floor under ingest is TiengNoi's own writer.
        .library(name: "TiengNoiStorage", targets: ["Storage", "Forms"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // multipart/form-data for the paper-form upload page (Vapor's parser; Hummingbird has none).
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // The ZIP container of the Word reports (DOCX).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // The arrows go one way (docs/architecture.md; Tests/checks/test_architecture.py keeps them so):
        // Forms ← Storage ← Summary ← Analysis ← Answers ← Reports ← WebApp ← tiengnoi, and
        // Storage, Summary, CCurl ← Forwarder ← WebApp.

        // Campaign forms: YAML definitions, checking, submission validation, the JSON value type.
        .target(
            name: "Forms",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The SQLite database (GRDB): migrations, and the records of the core tables (forms,
        // schools, submissions, accounts, senders, received summaries); the single writer.
        .target(
            name: "Storage",
            dependencies: [
                "Forms",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What one level sends the next: the summary format, its validation, answers coming down.
        .target(name: "Summary", dependencies: ["Forms", .product(name: "Crypto", package: "swift-crypto")]),
        // Children's Vietnamese: text, themes, issues, safeguarding, evaluation, privacy scrubbing.
        .target(
            name: "Analysis",
            dependencies: ["Forms", "Storage", "Summary", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources")]
        ),
        // Answers to children's questions and recommendations: versions, the work list, sheets.
        .target(
            name: "Answers",
            dependencies: ["Forms", "Storage", "Summary", "Analysis", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The forums themselves: events with attendance, leaders and the issues taken to them.
        .target(
            name: "Events",
            dependencies: [
                "Forms", "Storage", "Summary", "Analysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The unit's summary and reports from analysis, answers and the units below; targets.
        .target(
            name: "Reports",
            dependencies: [
                "Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "CXlsxWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // libcurl: Swift cannot call the variadic curl_easy_setopt, so a typed C shim.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // libqrencode: the QR code on a school's printed form poster (WebApp only).
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),
        // libxlsxwriter: the Excel files of the official reports (Reports only).
        .systemLibrary(name: "CXlsxWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // Signed summaries upstream through a durable outbox, the receiving side, answers pulled down.
        .target(
            name: "Forwarder",
            dependencies: [
                "CCurl", "Forms", "Storage", "Summary",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The web application (Hummingbird): routes, pages, sign-in, background services, and the
        // wiring that joins the features (the summary the Forwarder pushes).
        .target(
            name: "WebApp",
            dependencies: [
                "Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "Reports", "Forwarder", "CQRencode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")]
        ),
        // The command line: serve, forms, schools, import, aggregate, push, ...
        .executableTarget(
            name: "tiengnoi",
            dependencies: [
                "Forms", "Storage", "Summary", "Analysis", "Answers", "Events", "Reports", "Forwarder", "WebApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "FormsTests", dependencies: ["Forms"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Forms", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Storage", "Forms", "Summary"]),
        .testTarget(name: "AnswersTests", dependencies: ["Answers", "Analysis", "Reports", "Storage", "Forms", "Summary"]),
        .testTarget(
            name: "ForwarderTests",
            dependencies: ["Forwarder", "Storage", "Forms", "Summary", "Analysis", "Answers", "Reports", "WebApp"]
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "Storage", "Forms", "Forwarder", "Summary", "Analysis", "Answers", "Events", "Reports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
