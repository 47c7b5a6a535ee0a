import ArgumentParser
import Events
import Foundation
import Summary

extension EventsCommand {
    /// `tiengnoi events evidence EVENT FILE… [--consent]`: photos and documents for an event, checked
    /// as the event page checks them (type by content, 5 MB, a photo's location removed).
    struct Evidence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach photos (JPEG, PNG) or documents (PDF) to an event as evidence.",
            discussion: "Counts and checksums always go upward with the summary; a file itself only with --consent.")
        @Argument(help: "The event id (8 characters or more are enough).") var id: String
        @Argument(help: "The files.") var files: [String]
        @Flag(help: "The unit agrees that these files go to the level above (the people in them agreed).") var consent = false
        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            if files.isEmpty { throw ValidationError("Cần ít nhất một tệp — at least one file is needed") }
        }

        func run() async throws {
            let store = EventStore(database: try data.open())
            guard let event = try await store.event(id: id) else {
                printError("Không có hoạt động «\(id)» — no event «\(id)»")
                throw ExitCode(1)
            }
            var failed = false
            for path in files {
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    printError("\(path): không đọc được tệp — cannot read the file")
                    failed = true
                    continue
                }
                do {
                    switch try await store.attach(event: event.id, data: bytes, consent: consent, actor: "cli") {
                    case let .stored(item, removed):
                        printNow("\(path): đã lưu \(item.kind.rawValue) \(item.sha256.prefix(12)) (\(item.bytes) byte\(removed ? ", đã xoá thông tin vị trí" : ""))"
                                 + " — stored\(removed ? ", metadata removed" : "")")
                    case let .alreadyAttached(item):
                        printNow("\(path): đã có \(item.sha256.prefix(12)), không thêm — already attached")
                    }
                } catch let refused as EventStore.EvidenceRefused {
                    printError("\(path): \(refused.problem.vi) — \(refused.problem.en)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
