import ArgumentParser
import Foundation
import Storage
import WebApp

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Staff accounts: admin, coordinator (one school), responder (one office), viewer.",
        subcommands: [Add.self, List.self, Change.self, Disable.self, Passwd.self, Signout.self, Token.self, Tokens.self, Revoke.self])

    /// Passwords never go on the command line (they would sit in the shell history and `ps`).
    struct PasswordSource: ParsableArguments {
        @Option(help: "File holding the password (first line), readable by its owner only. Or set TIENGNOI_PASSWORD.")
        var passwordFile: String?

        @Flag(help: "Use a password file that other users on this machine can read (refused by default).")
        var allowReadableSecret = false

        func read() throws -> String {
            let text: String
            if let passwordFile {
                if !allowReadableSecret, let problem = FilePermissions.secretProblem(path: passwordFile) {
                    printError("\(problem.vi) — \(problem.en)")
                    throw ExitCode(1)
                }
                guard let contents = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    printError("Không đọc được \(passwordFile) — cannot read \(passwordFile)")
                    throw ExitCode(1)
                }
                text = contents.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            } else if let value = ProcessInfo.processInfo.environment["TIENGNOI_PASSWORD"] {
                text = value
            } else {
                printError("Cần --password-file TỆP hoặc biến TIENGNOI_PASSWORD — give --password-file FILE or TIENGNOI_PASSWORD")
                throw ExitCode(1)
            }
            if let problem = Passwords.problem(text) {
                printError("\(problem.vi) — \(problem.en)")
                throw ExitCode(1)
            }
            return text
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff account.")
        @Argument var username: String
        @Option(help: "admin, coordinator, responder or viewer.") var role: StaffRole
        @Option(help: "The coordinator's school code.") var school: String?
        @Option(help: "The responder's office, e.g. \"Phòng GD&ĐT quận\".") var office: String?
        @Flag(help: "May see the safeguarding queue.") var safeguarding = false
        @OptionGroup var password: PasswordSource
        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            if role == .coordinator && school == nil {
                throw ValidationError("Tài khoản điều phối viên cần --school MÃ_TRƯỜNG — a coordinator needs --school CODE")
            }
        }

        func run() throws {
            let staffRole = role
            let hash = Passwords.hash(try password.read())
            do {
                let user = try data.open().addUser(
                    username: username, passwordHash: hash, role: staffRole,
                    school: school.map(School.canonicalCode), office: office,
                    safeguarding: safeguarding)
                printNow("Đã tạo tài khoản \(user.username) (\(user.role.rawValue)) — account created")
            } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var data: DataDirectoryOption
        func run() throws {
            for row in try data.open().users() {
                let user = row.user
                let scope = user.school.map { "trường \($0)" } ?? user.office.map { "phòng \($0)" } ?? ""
                printNow(
                    [
                        user.username, user.role.rawValue, scope, user.safeguarding ? "safeguarding" : "",
                        row.disabled ? "đã khoá (disabled)" : "",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions and tokens stop working.")
        @Argument var username: String
        @OptionGroup var data: DataDirectoryOption
        func run() throws {
            do { try data.open().setDisabled(username: username, true) } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow("Đã khoá \(username) — disabled")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password; the account's sessions end.")
        @Argument var username: String
        @OptionGroup var password: PasswordSource
        @OptionGroup var data: DataDirectoryOption
        func run() throws {
            let hash = Passwords.hash(try password.read())
            do { try data.open().setPasswordHash(username: username, hash) } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
            printNow("Đã đổi mật khẩu của \(username) — password changed")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a device or script (printed once; stored hashed).",
            discussion: "The token is printed on standard output; its id and expiry on standard error.")
        @Argument var username: String
        @Option(help: "What the token is for, e.g. \"máy tính bảng trường An Bình\".") var label: String
        @Option(help: "Days until the token stops working (1 to 3650).") var days: Int = AppDatabase.defaultTokenDays
        @OptionGroup var data: DataDirectoryOption

        func validate() throws {
            guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650") }
        }

        func run() throws {
            do {
                let issued = try data.open().issueToken(username: username, label: label, days: days)
                printNow(issued.token)
                printError("Mã token \(issued.id), hết hạn \(issued.expiresAt) — token id \(issued.id), expires \(issued.expiresAt)")
            } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List API tokens (never the token itself): id, user, label, created, expires, state.")
        @Argument(help: "Only this user's tokens.") var username: String?
        @OptionGroup var data: DataDirectoryOption
        func run() throws {
            let now = Timestamp.string(Date())
            for token in try data.open().tokens(username: username) {
                let state = token.revoked ? "đã thu hồi (revoked)" : token.expiresAt <= now ? "hết hạn (expired)" : "còn hiệu lực (active)"
                printNow([token.id, token.username, token.label, token.createdAt, token.expiresAt, state].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke one API token by its id (from `users tokens`); it stops working at once.")
        @Argument(help: "The token's id, or its first 8 or more characters.") var id: String
        @OptionGroup var data: DataDirectoryOption
        func run() throws {
            do {
                let token = try data.open().revokeToken(id: id)
                printNow("Đã thu hồi token \(token.id) của \(token.username) — revoked")
            } catch let error as AccountError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}
