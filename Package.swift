// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tiengnoi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tiengnoi", targets: ["tiengnoi"]),
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
    ],
    targets: [
        // Campaign forms: YAML definitions, checking, submission validation.
        .target(
            name: "Forms",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // SQLite through GRDB: schema, records, the single group-commit writer.
        .target(
            name: "Storage",
            dependencies: [
                "Forms",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Theme classification, near-duplicate issues, tallies, targets, the summary.
        .target(
            name: "Aggregator",
            dependencies: [
                "Forms", "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")]
        ),
        // libcurl: Swift cannot call the variadic curl_easy_setopt, so a typed C shim.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Signed summaries upstream through a durable outbox, and the receiving side.
        .target(
            name: "Forwarder",
            dependencies: [
                "CCurl", "Forms", "Storage", "Aggregator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP server: API, children's form, dashboard, metrics.
        .target(
            name: "Ingestion",
            dependencies: [
                "Forms", "Storage", "Aggregator", "Forwarder",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
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
                "Forms", "Storage", "Aggregator", "Forwarder", "Ingestion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FormsTests", dependencies: ["Forms"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Forms", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AggregatorTests",
            dependencies: ["Aggregator", "Storage", "Forms", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ForwarderTests",
            dependencies: ["Forwarder", "Storage", "Forms", "Aggregator", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "IngestionTests",
            dependencies: [
                "Ingestion", "Storage", "Forms", "Forwarder", "Aggregator",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
