import CXlsxWriter
import Foundation

/// A report as an Excel workbook through libxlsxwriter (Debian's libxlsxwriter-dev, maintained,
/// writes files Excel and LibreOffice open without repair): a first sheet with the title and every
/// section in order, and a sheet per table so each can be filtered and summed on its own. Numbers
/// are written as numbers, so the officer's own SUM gives the report's total.
enum XLSXReportWriter {
    /// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\ and unique.
    static func sheetName(_ heading: String, taken: inout Set<String>) -> String {
        let cleaned = String(heading.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        var base = String(cleaned.prefix(28)).trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = "Bảng" }
        var name = base, number = 2
        while taken.contains(name.lowercased()) {
            name = "\(base.prefix(25)) \(number)"
            number += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    static func data(_ document: ReportDocument) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiengnoi-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else { throw ReportWriteError(description: "libxlsxwriter could not start a workbook") }
        let title = workbook_add_format(workbook)
        format_set_bold(title)
        format_set_font_size(title, 14)
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_text_wrap(header)
        format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_bg_color(header, 0xE8E8E8)
        let cellFormat = workbook_add_format(workbook)
        format_set_text_wrap(cellFormat)
        format_set_align(cellFormat, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        format_set_border(cellFormat, UInt8(LXW_BORDER_THIN.rawValue))
        let totalFormat = workbook_add_format(workbook)
        format_set_bold(totalFormat)
        format_set_border(totalFormat, UInt8(LXW_BORDER_THIN.rawValue))

        var taken: Set<String> = []
        func write(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ table: ReportDocument.Table, at start: UInt32) -> UInt32 {
            var row = start
            for (column, name) in table.columns.enumerated() {
                worksheet_write_string(sheet, row, UInt16(column), name, header)
            }
            row += 1
            func cells(_ cells: [ReportDocument.Cell], _ format: UnsafeMutablePointer<lxw_format>?) {
                for (column, cell) in cells.enumerated() {
                    switch cell {
                    case let .number(number): worksheet_write_number(sheet, row, UInt16(column), Double(number), format)
                    case let .text(text): worksheet_write_string(sheet, row, UInt16(column), text, format)
                    }
                }
                row += 1
            }
            for line in table.rows { cells(line, cellFormat) }
            if let total = table.total { cells(total, totalFormat) }
            return row
        }
        func widen(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ table: ReportDocument.Table) {
            for column in table.columns.indices {
                let longest = ([table.columns[column]] + table.rows.compactMap { column < $0.count ? $0[column].text : nil })
                    .map(\.count).max() ?? 10
                worksheet_set_column(sheet, UInt16(column), UInt16(column), Double(min(60, max(8, longest + 2))), nil)
            }
        }

        let first = workbook_add_worksheet(workbook, sheetName("Báo cáo", taken: &taken))!
        worksheet_set_column(first, 0, 0, 60, nil)
        var row: UInt32 = 0
        worksheet_write_string(first, row, 0, document.title, title)
        row += 1
        for line in document.subtitle {
            worksheet_write_string(first, row, 0, line, nil)
            row += 1
        }
        for section in document.sections {
            row += 1
            worksheet_write_string(first, row, 0, section.heading, bold)
            row += 1
            for paragraph in section.paragraphs {
                worksheet_write_string(first, row, 0, paragraph, nil)
                row += 1
            }
            if let table = section.table { row = write(first, table, at: row) }
        }
        for section in document.sections {
            guard let table = section.table, !table.rows.isEmpty else { continue }
            let sheet = workbook_add_worksheet(workbook, sheetName(section.heading, taken: &taken))!
            worksheet_write_string(sheet, 0, 0, section.heading, bold)
            let end = write(sheet, table, at: 1)
            worksheet_freeze_panes(sheet, 2, 0)
            worksheet_autofilter(sheet, 1, 0, end - 1, UInt16(max(0, table.columns.count - 1)))
            widen(sheet, table)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw ReportWriteError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportWriteError(description: "the workbook was not written")
        }
        return Array(data)
    }
}
