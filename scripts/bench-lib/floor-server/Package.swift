// swift-tools-version:6.1
// The floor under `scripts/bench ingest` (issue 19): the bare server's way of taking a body, plus
// TiengNoi's own durable write — its Storage module (SubmissionWriter, the same database file,
// table, indexes and `synchronous = FULL`), taken from this repository by path. What an entry
// would cost if reading, checking and screening it cost nothing. Built on its own
// (`--scratch-path .build-bench-floor`) so it never touches TiengNoi's build.
import PackageDescription

let package = Package(
    name: "floor-server",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(name: "tiengnoi", path: "../../.."),
    ],
    targets: [
        .executableTarget(
            name: "floor-server",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "TiengNoiStorage", package: "tiengnoi"),
            ]
        ),
    ]
)
