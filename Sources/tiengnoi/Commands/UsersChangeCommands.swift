import ArgumentParser
import Foundation
import Storage
import WebApp

extension UsersCommand {
    /// `/staff/users/{name}`'s «Lưu thay đổi», from the terminal.
    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change an account's role, school or office and safeguarding permission; a role change ends its sessions.")
        @Argument var username: String
        @Option(help: "admin, coordinator, responder or viewer.") var role: StaffRole
        @Option(help: "The coordinator's school code.") var school: String?
        @Option(help: "The responder's office, e.g. \"Phòng GD&ĐT quận\".") var office: String?
        @Flag(inversion: .prefixedNo, help: "May see the safeguarding cases.") var safeguarding = false
        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            if role == .coordinator && school == nil {
                throw ValidationError("Người phụ trách Đội cần --school MÃ_TRƯỜNG — a coordinator needs --school CODE")
            }
            if role == .responder && (office ?? "").isEmpty {
                throw ValidationError("Cơ quan trả lời cần --office TÊN — a responder needs --office NAME")
            }
        }

        func run() throws {
            let change = AppDatabase.AccountChange(
                role: role, school: role == .coordinator ? school.map(School.canonicalCode) : nil, office: office,
                safeguarding: safeguarding)
            do { try data.open().changeAccount(username: username, to: change) } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow("Đã lưu tài khoản \(username) — account changed")
        }
    }

    /// `/staff/users/{name}`'s «Chấm dứt mọi phiên và mã API».
    struct Signout: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End every session and revoke every API token of an account (a lost phone); it stays enabled.")
        @Argument var username: String
        @OptionGroup var data: DataDirectoryOption

        func run() throws {
            do {
                let ended = try data.open().revokeAccess(username: username)
                printNow("Đã chấm dứt \(ended.sessions) phiên và \(ended.tokens) mã API — ended \(ended.sessions) sessions, \(ended.tokens) tokens")
            } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}
