/// One labelled bar of a server-drawn chart. The bar is an SVG rectangle whose width is a share of
/// 100 viewBox units: it stretches with the page, and unlike a CSS background it prints.
struct BarRow: Sendable {
    var key: String
    var label: String
    var entries: Int
    var consultations: Int
    var valueText: String
    /// 0…100: this row's value against the largest row of its chart.
    var barWidth: String
    var shareText: String

    /// Bars for `rows`, scaled to the largest consultations count.
    static func scaled(_ rows: [(key: String, label: String, entries: Int, consultations: Int)]) -> [BarRow] {
        let largest = rows.map(\.consultations).max() ?? 0
        let total = rows.reduce(0) { $0 + $1.consultations }
        return rows.map { row in
            BarRow(
                key: row.key, label: row.label, entries: row.entries, consultations: row.consultations,
                valueText: VietnameseFormat.number(row.consultations),
                barWidth: SVGNumber.format(largest == 0 ? 0 : 100 * Double(row.consultations) / Double(largest)),
                shareText: total == 0 ? "0 %" : VietnameseFormat.percent(Double(row.consultations) / Double(total)))
        }
    }
}

/// A list of bars, as the `bar-rows` template draws it.
struct BarChart: Sendable {
    var bars: [BarRow]

    init(_ rows: [(key: String, label: String, entries: Int, consultations: Int)]) {
        bars = BarRow.scaled(rows)
    }
}

/// A segment of a stacked bar (the gender balance): where it starts and how wide it is, in 0…100.
struct StackSegment: Sendable {
    var key: String
    var label: String
    var x: String
    var width: String
    var colorClass: String
    var consultations: Int
    var valueText: String
    var shareText: String
}

enum SVGNumber {
    /// Coordinates with at most two decimals and a dot, whatever the locale.
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
