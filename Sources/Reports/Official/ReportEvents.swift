import Events
import Foundation

/// The events of a report's period as the official reports show them: how many of each kind and
/// who came, which unit held what, and for an issue the events it was taken to. Built from
/// `EventStore.reportedEvents`, which carries delegates as a number only: a report is handed to
/// leaders and never names a child.
public struct ReportEvents: Sendable {
    public var events: [EventStore.ReportedEvent]
    public var kinds: EventKinds
    /// A unit's name: a school's from the registry, this unit's own for `LOCAL`.
    public var unitName: @Sendable (String) -> String

    public init(events: [EventStore.ReportedEvent], kinds: EventKinds, unitName: @escaping @Sendable (String) -> String) {
        self.events = events
        self.kinds = kinds
        self.unitName = unitName
    }

    func label(_ kind: String) -> String { kinds.kind(kind)?.label ?? kind }

    /// The kinds held, in the campaign file's order, then any kind it no longer lists.
    var kindsHeld: [String] {
        let held = Set(events.map(\.kind))
        let listed = kinds.kinds.map(\.code)
        return listed.filter(held.contains) + held.subtracting(listed).sorted()
    }

    /// «Đối thoại giữa trẻ em với lãnh đạo, 12/05/2027» for each event the issue was taken to,
    /// oldest first; nil when it was taken to none in the period.
    public func takenTo(issue: String) -> String? {
        let places = events.filter { $0.issues.contains(issue) }
            .map { "\(label($0.kind)), \(ReportRenderer.vietnameseDate($0.heldOn))" }
        return places.isEmpty ? nil : places.joined(separator: "; ")
    }

    /// Per kind: held and children present; `detailed` adds girls, boys, children in special
    /// circumstances, delegates and photos (the yearly report's table). A total row either way.
    public func kindTable(detailed: Bool) -> ReportDocument.Table {
        func cells(_ members: [EventStore.ReportedEvent]) -> [ReportDocument.Cell] {
            let sum = { (value: (EventStore.ReportedEvent) -> Int) in members.reduce(0) { $0 + value($1) } }
            var row: [ReportDocument.Cell] = [.number(members.count), .number(sum { $0.attendance.children })]
            if detailed {
                row += [.number(sum { $0.attendance.girls }), .number(sum { $0.attendance.boys }),
                        .number(sum { $0.attendance.specialCircumstances }), .number(sum { $0.delegates }), .number(sum { $0.photos })]
            }
            return row
        }
        var columns = ["Loại hoạt động", "Số hoạt động", "Trẻ em tham dự"]
        if detailed { columns += ["Nữ", "Nam", "Trẻ có hoàn cảnh đặc biệt", "Đại biểu", "Ảnh minh chứng"] }
        return .init(
            columns: columns,
            rows: kindsHeld.map { kind in [.text(label(kind))] + cells(events.filter { $0.kind == kind }) },
            total: [.text("Tổng cộng")] + cells(events))
    }

    /// Per unit, in the order of their names: what it held (kind and day) and the children present.
    public var unitTable: ReportDocument.Table {
        let units = Dictionary(grouping: events, by: \.unit).sorted { unitName($0.key) < unitName($1.key) }
        return .init(
            columns: ["Đơn vị", "Hoạt động đã tổ chức", "Số hoạt động", "Trẻ em tham dự", "Ảnh minh chứng"],
            rows: units.map { unit, held in
                [.text(unitName(unit)),
                 .text(held.map { "\(label($0.kind)) (\(ReportRenderer.vietnameseDate($0.heldOn)))" }.joined(separator: "; ")),
                 .number(held.count), .number(held.reduce(0) { $0 + $1.attendance.children }),
                 .number(held.reduce(0) { $0 + $1.photos })]
            })
    }

    /// The short section of the followup and recommendations reports: counts per kind in the period.
    func shortSection(numeral: String) -> ReportDocument.Section {
        .init(heading: "\(numeral). Hoạt động, diễn đàn trong kỳ",
              paragraphs: events.isEmpty ? ["Không có hoạt động, diễn đàn nào được ghi trong kỳ."] : [],
              table: events.isEmpty ? nil : kindTable(detailed: false))
    }
}
