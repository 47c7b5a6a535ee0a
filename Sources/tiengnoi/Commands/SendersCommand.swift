import ArgumentParser
import Forwarder
import Foundation
import Storage
import WebApp

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

        @Option(
            help: ArgumentHelp(
                "Units below that unit whose numbers and words it may send here, comma-separated (e.g. a ward's schools).",
                discussion:
                    "A unit is believed only about itself and these; a summary naming any other unit is refused. Replaces the list given before."))
        var units: String?

        @Option(help: "The same list from a school registry CSV (code,name,ward,…): its school codes and their wards.")
        var unitsFile: String?

        @Flag(help: "Use a secret file that other users on this machine can read (refused by default).")
        var allowReadableSecret = false

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let secret: UpstreamSecret
            do {
                secret = try UpstreamSecret.load(file: secretFile, allowReadable: allowReadableSecret)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            let canonical = School.canonicalCode(code)
            guard !canonical.isEmpty else { throw ValidationError("the code is empty") }
            let below = try registeredUnits()
            let added = try data.open().addSender(code: canonical, secret: secret.text, units: below)
            if let below { printNow("Các đơn vị bên dưới \(canonical): \(below.count) — units below \(canonical): \(below.count)") }
            printNow(
                added
                    ? "Đã đăng ký \(canonical) (dấu khoá \(secret.fingerprint)) — registered \(canonical), secret fingerprint \(secret.fingerprint)"
                    : "Đã thay khoá của \(canonical) (dấu khoá \(secret.fingerprint)) — replaced the secret of \(canonical), fingerprint \(secret.fingerprint)"
            )
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
                printNow([sender.code, sender.addedAt, fingerprint, sender.units.joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }
}

extension SendersCommand.Add {
    /// The units given with --units and --units-file together; nil when neither was given (the
    /// list registered before is kept).
    func registeredUnits() throws -> [String]? {
        guard units != nil || unitsFile != nil else { return nil }
        var found: [String] = []
        for unit in (units ?? "").split(separator: ",") {
            let code = unit.trimmingCharacters(in: .whitespaces)
            if !code.isEmpty { found.append(School.canonicalCode(code)) }
        }
        if let unitsFile {
            let table: CSVTable
            do { table = try CSVTable.read(path: unitsFile) } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
            let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let code = header.firstIndex(of: "code") else {
                printError("\(unitsFile) cần cột «code» — \(unitsFile) needs a «code» column")
                throw ExitCode(1)
            }
            let ward = header.firstIndex(of: "ward")
            for row in table.rows {
                if row.cells.indices.contains(code), !row.cells[code].isEmpty { found.append(School.canonicalCode(row.cells[code])) }
                // Wards are tally keys, kept as written.
                if let ward, row.cells.indices.contains(ward), !row.cells[ward].isEmpty { found.append(row.cells[ward]) }
            }
        }
        return Array(Set(found)).sorted()
    }
}
