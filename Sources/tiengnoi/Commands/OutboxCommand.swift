import ArgumentParser
import Forwarder
import Foundation
import Storage

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Summaries waiting to go, or gone, to the level above.",
        subcommands: [List.self, Show.self, Retry.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One line per summary, newest first: id, status, tries, last HTTP status or error, queued at.")

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let rows = try Outbox(database: data.open()).rows()
            if rows.isEmpty {
                printError("Hàng đợi trống: chưa có bản tổng hợp nào — the outbox is empty")
                return
            }
            for row in rows {
                let when = row.deliveredAt ?? row.nextAttemptAt ?? "-"
                printNow(
                    [row.id, row.status.rawValue, String(row.tries), row.lastOutcome, row.createdAt, when]
                        .joined(separator: "\t"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One summary in full: its state, the upstream's last answer, and the exact body queued.")

        @Argument(help: "The row's id.")
        var id: String

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            guard let row = try Outbox(database: data.open()).row(id: id.lowercased()) else {
                printError(OutboxError.unknownRow(id).description)
                throw ExitCode(1)
            }
            printNow(
                """
                id: \(row.id)
                status: \(row.status.rawValue)
                tries: \(row.tries)
                last: \(row.lastOutcome)
                queued at: \(row.createdAt)
                first attempt: \(row.firstAttemptAt ?? "-")
                next attempt: \(row.nextAttemptAt ?? "-")
                delivered at: \(row.deliveredAt ?? "-")
                response: \(row.responseBody ?? "-")
                payload: \(row.payload)
                """)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put failed summaries back in the queue (fresh backoff and 24 h window).",
            discussion: "A running `tiengnoi serve --upstream …` picks them up within a second.")

        @Argument(help: "The failed row's id (or an unambiguous beginning of it).")
        var id: String?

        @Flag(help: "Every failed row.")
        var all = false

        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            guard (id != nil) != all else { throw ValidationError("give either an ID or --all") }
        }

        func run() async throws {
            let ids: [String]
            do {
                ids = try Outbox(database: data.open()).retry(id: all ? nil : id, now: Date())
            } catch let error as OutboxError {
                printError(error.description)
                throw ExitCode(1)
            }
            for id in ids { printNow(id) }
            printError("Đã xếp lại \(ids.count) bản tổng hợp — re-queued \(ids.count) summaries")
        }
    }
}
