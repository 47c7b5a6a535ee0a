import ArgumentParser
import Events
import Foundation
import Storage
import WebApp

/// `tiengnoi events add|list|show`: the forums, dialogues and meetings a unit held, as the staff
/// events page records them.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Forums, dialogues, meetings and trainings held: attendance, leaders, issues taken.",
        subcommands: [Add.self, List.self, Show.self, Delegates.self, Evidence.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an event. Attendance by gender and age band; special circumstances as a count only.")
        @Option(help: "The kind's code, e.g. school_forum, dialogue (forms/targets.yaml `events:` or the defaults).") var kind: String
        @Option(help: "The school (or unit) that held it.") var unit: String
        @Option(help: "The day it was held, YYYY-MM-DD.") var date: String
        @Option(help: "Where.") var place = ""
        @Option var girls = 0
        @Option var boys = 0
        @Option(help: "Children of another gender or who did not say.") var otherGender = 0
        @Option(help: "Children under 12.") var under12 = 0
        @Option(help: "Children 12 to 16.") var from12To16 = 0
        @Option(help: "Children over 16.") var over16 = 0
        @Option(help: "How many children in special circumstances (a count only, never who).") var specialCircumstances = 0
        @Option(parsing: .singleValue, help: "A leader present, as \"Name|Office\"; repeat for each.") var leader: [String] = []
        @Option(parsing: .singleValue, help: "An issue id taken to it; repeat for each, in order.") var issue: [String] = []
        @Option(help: "What came of it.") var outcome = ""
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func validate() throws {
            for value in leader where value.split(separator: "|").count != 2 {
                throw ValidationError("--leader cần dạng \"Tên|Cơ quan\" — --leader must be \"Name|Office\" (got «\(value)»)")
            }
        }

        func run() async throws {
            let kinds: EventKinds
            do { kinds = try EventKinds.load(formsDirectory: forms.directory) } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
            let draft = EventDraft(
                kind: kind, unit: School.canonicalCode(unit), heldOn: date, place: place,
                attendance: .init(girls: girls, boys: boys, otherGender: otherGender, under12: under12, from12to16: from12To16,
                                  over16: over16, specialCircumstances: specialCircumstances),
                leaders: leader.map { value in
                    let parts = value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                    return Event.Leader(name: parts[0], office: parts[1])
                },
                issues: issue, outcome: outcome)
            do {
                let event = try await EventStore(database: try data.open()).add(draft, kinds: kinds, actor: "cli")
                printNow("Đã ghi hoạt động \(event.id) — event recorded")
            } catch let invalid as EventStore.Invalid {
                for error in invalid.errors { printError("\(error.field): \(error.messageVI) — \(error.messageEN)") }
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Events, newest first: id, day, kind, unit, children present.")
        @Option(help: "Only this school's or unit's.") var unit: String?
        @Option(help: "Held from this day, YYYY-MM-DD.") var from: String?
        @Option(help: "Held up to this day, YYYY-MM-DD.") var to: String?
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let events = try await EventStore(database: try data.open()).list(unit: unit.map(School.canonicalCode), from: from, to: to)
            if events.isEmpty { printError("Chưa có hoạt động nào — no events yet") }
            for event in events {
                printNow([event.id, event.heldOn, event.kind, event.unit, "\(event.attendance.children) trẻ em"].joined(separator: "\t"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One event in full.")
        @Argument(help: "The event id (8 characters or more are enough).") var id: String
        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            guard let event = try await EventStore(database: try data.open()).event(id: id) else {
                printError("Không có hoạt động «\(id)» — no event «\(id)»")
                throw ExitCode(1)
            }
            let a = event.attendance
            printNow("""
                \(event.id) \(event.kind) \(event.unit) \(event.heldOn) \(event.place)
                Trẻ em: \(a.children) (nữ \(a.girls), nam \(a.boys), khác \(a.otherGender); dưới 12: \(a.under12), 12–16: \(a.from12to16), trên 16: \(a.over16); hoàn cảnh đặc biệt: \(a.specialCircumstances))
                Lãnh đạo: \(event.leaders.map { "\($0.name) (\($0.office))" }.joined(separator: "; "))
                Vấn đề: \(event.issues.joined(separator: ", "))
                Kết quả: \(event.outcome)
                """)
        }
    }

    /// A forum's delegates from a CSV (ten,truong,tuoi,gioi_tinh,hoan_canh_dac_biet), checked
    /// against the quota of the campaign file; stored unless --check-only.
    struct Delegates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a forum's delegates from a CSV and check them against the quota (forms/targets.yaml `delegates:`).",
            discussion: "Columns: ten (given name), truong (school code), tuoi (age), gioi_tinh (nu, nam, khac), hoan_canh_dac_biet (x or empty); the header is optional. A bad line stores nothing; a list that breaks the quota is stored and each broken rule printed (exit 1), as on the register page /staff/events/ID/delegates. Names stay here; only counts go upward.")
        @Argument(help: "The event id.") var event: String
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check only; store nothing.") var checkOnly = false
        @OptionGroup var data: DataDirectoryOption
        @OptionGroup var forms: FormsDirectoryOption

        func run() async throws {
            let store = EventStore(database: try data.open())
            guard let found = try await store.event(id: event) else {
                printError("Không có hoạt động «\(event)» — no event «\(event)»")
                throw ExitCode(1)
            }
            let table: CSVTable
            do { table = try CSVTable.read(path: file) } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
            let parsed = DelegateRegister.parse(header: table.header, rows: table.rows)
            for line in parsed.errors { printError("\(line.vi) — \(line.en)") }
            let (delegates, bad) = (parsed.delegates, parsed.errors)
            let quota = try DelegateQuota.load(formsDirectory: forms.directory)
            let problems = quota.problems(delegates)
            for problem in problems { printError("\(problem.vi) — \(problem.en)") }
            if !checkOnly && bad.isEmpty {
                try await store.setDelegates(event: found.id, delegates, actor: "cli")
                printNow("Đã ghi \(delegates.count) đại biểu — \(delegates.count) delegates registered")
            }
            if problems.isEmpty && bad.isEmpty { printNow("Danh sách đạt mọi quy định — the list meets every rule") }
            if !problems.isEmpty || !bad.isEmpty { throw ExitCode(1) }
        }
    }
}
