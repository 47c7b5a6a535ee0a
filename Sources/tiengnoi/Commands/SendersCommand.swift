import ArgumentParser
import Forwarder
import Foundation
import Storage

struct SendersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "senders",
        abstract: "Units below allowed to push summaries here; registering one turns intake on.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a unit (or replace its secret) with the secret it signs with.",
            discussion: "The secret is stored in this instance's database; protect the data folder accordingly.")

        @Argument(help: "The unit's code; it must push with --sender CODE and summaries for unit CODE.")
        var code: String

        @Option(help: "A file holding the secret shared with that unit (e.g. made with `openssl rand -hex 32`).")
        var secretFile: String

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let secret: UpstreamSecret
            do {
                secret = try UpstreamSecret.load(file: secretFile)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            let canonical = School.canonicalCode(code)
            guard !canonical.isEmpty else { throw ValidationError("the code is empty") }
            let added = try data.open().addSender(code: canonical, secret: secret.text)
            printNow(added
                ? "Đã đăng ký \(canonical) (dấu khoá \(secret.fingerprint)) — registered \(canonical), secret fingerprint \(secret.fingerprint)"
                : "Đã thay khoá của \(canonical) (dấu khoá \(secret.fingerprint)) — replaced the secret of \(canonical), fingerprint \(secret.fingerprint)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Registered units: code, when added, secret fingerprint (never the secret).")

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let senders = try data.open().senders()
            if senders.isEmpty {
                printError("Chưa có đơn vị nào; dùng `tiengnoi senders add MÃ --secret-file TỆP` — no senders registered")
                return
            }
            for sender in senders {
                let fingerprint = (try? UpstreamSecret(sender.secret).fingerprint) ?? "?"
                printNow([sender.code, sender.addedAt, fingerprint].joined(separator: "\t"))
            }
        }
    }
}
