// swift-tools-version:6.1
// A bare Hummingbird server, the yardstick of `scripts/bench ingest` (issue 19): the same framework
// version as TiengNoi, no middleware, no database, so what TiengNoi adds per request shows against it.
// Built on its own (`--scratch-path .build-bench-bare`) so it never touches TiengNoi's build.
import PackageDescription

let package = Package(
    name: "bare-server",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The version TiengNoi's Package.swift asks for; resolved from the same local mirror.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "bare-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
    ]
)
