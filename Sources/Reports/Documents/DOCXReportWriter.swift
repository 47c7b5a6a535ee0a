import Foundation
import ZIPFoundation

/// A report as a Word document (Office Open XML): the ZIP container from ZIPFoundation, the few
/// XML parts written here — no maintained Swift library writes DOCX, and a report needs only
/// headings, paragraphs and bordered tables. Styles follow Vietnamese administrative documents
/// (Times New Roman 13 pt, A4); the headings are Word's own «Heading 1/2», so the navigation pane
/// and a table of contents find them.
enum DOCXReportWriter {
    static func escape(_ text: String) -> String {
        HTMLReportWriter.escape(text).replacingOccurrences(of: "'", with: "&apos;")
    }

    static func paragraph(_ text: String, style: String? = nil, bold: Bool = false, center: Bool = false) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if center { properties += "<w:jc w:val=\"center\"/>" }
        let run = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")
            + "<w:r>\(run)<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// The text width of an A4 page with the margins below, in twentieths of a point.
    static let textWidth = 11906 - 1701 - 1134

    static func table(_ table: ReportDocument.Table) -> String {
        let count = max(1, table.columns.count)
        // Text columns get more room than number columns.
        let weights = table.columns.indices.map { index -> Int in
            let numeric = table.rows.allSatisfy { row in
                if index < row.count, case .number = row[index] { return true }
                return false
            }
            // Wide enough for a two-word header such as «Đúng hạn» on one or two lines.
            return numeric && !table.rows.isEmpty ? 4 : 10
        }
        let total = max(1, weights.reduce(0, +))
        let widths = weights.map { textWidth * $0 / total }
        var xml = "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func row(_ cells: [String], header: Bool, bold: Bool) -> String {
            var row = "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "")
            for index in 0..<count {
                let text = index < cells.count ? cells[index] : ""
                row += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[index])\" w:type=\"dxa\"/></w:tcPr>"
                    + paragraph(text, bold: bold) + "</w:tc>"
            }
            return row + "</w:tr>"
        }
        xml += row(table.columns, header: true, bold: true)
        for cells in table.rows { xml += row(cells.map(\.text), header: false, bold: false) }
        if let total = table.total { xml += row(total.map(\.text), header: false, bold: true) }
        return xml + "</w:tbl>" + paragraph("")
    }

    static func documentXML(_ document: ReportDocument) -> String {
        var body = paragraph(document.title, style: "Title", center: true)
        for line in document.subtitle { body += paragraph(line, center: true) }
        for section in document.sections {
            body += paragraph(section.heading, style: section.level <= 1 ? "Heading1" : "Heading2")
            for text in section.paragraphs { body += paragraph(text) }
            if let table = section.table { body += self.table(table) }
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
        <w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="444444"/><w:left w:val="single" w:sz="4" w:space="0" w:color="444444"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="444444"/><w:right w:val="single" w:sz="4" w:space="0" w:color="444444"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="444444"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="444444"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
        </w:styles>
        """

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    static func coreProperties(_ document: ReportDocument) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape(document.title))</dc:title><dc:creator>TiengNoi</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>
        """
    }

    static func data(_ document: ReportDocument) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw ReportWriteError(description: "cannot make the DOCX container: \(error)")
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", coreProperties(document)),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles), ("word/document.xml", documentXML(document)),
        ]
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                position, size in bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ReportWriteError(description: "the DOCX container is empty") }
        return Array(data)
    }
}
