/// A report as one self-contained HTML page (styles inline, no script), to open, print or mail.
enum HTMLReportWriter {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func html(_ document: ReportDocument) -> String {
        var html = """
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>body{font-family:"Times New Roman",serif;font-size:13pt;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
            h1{text-align:center;font-size:16pt}p.sub{text-align:center;margin:.2rem 0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
            th,td{border:1px solid #444;padding:.25rem .4rem;vertical-align:top;text-align:left}td.num{text-align:right}tr.total td{font-weight:bold}
            @media print{body{margin:0}}</style></head><body>
            <h1>\(escape(document.title))</h1>

            """
        for line in document.subtitle { html += "<p class=\"sub\">\(escape(line))</p>\n" }
        for section in document.sections {
            let tag = section.level <= 1 ? "h2" : "h3"
            html += "<\(tag)>\(escape(section.heading))</\(tag)>\n"
            for paragraph in section.paragraphs { html += "<p>\(escape(paragraph))</p>\n" }
            guard let table = section.table else { continue }
            html += "<table><thead><tr>" + table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            func row(_ cells: [ReportDocument.Cell], total: Bool) -> String {
                (total ? "<tr class=\"total\">" : "<tr>") + cells.map { cell in
                    if case .number = cell { return "<td class=\"num\">\(cell.text)</td>" }
                    return "<td>\(escape(cell.text))</td>"
                }.joined() + "</tr>\n"
            }
            for cells in table.rows { html += row(cells, total: false) }
            if let total = table.total { html += row(total, total: true) }
            html += "</tbody></table>\n"
        }
        return html + "</body></html>\n"
    }
}
