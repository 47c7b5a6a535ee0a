/// A report as the officers hand it over: a title, a few lines under it, and sections of headings,
/// paragraphs and tables. One model, three writers (HTML, DOCX, XLSX), so the three files of a
/// report always carry the same numbers.
public struct ReportDocument: Sendable {
    public var title: String
    /// Lines under the title: the unit, the period, when it was made.
    public var subtitle: [String]
    public var sections: [Section]

    public init(title: String, subtitle: [String] = [], sections: [Section] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    public struct Section: Sendable {
        public var heading: String
        /// 1 for a chapter («I. …»), 2 under it.
        public var level: Int
        public var paragraphs: [String]
        public var table: Table?
        public init(heading: String, level: Int = 1, paragraphs: [String] = [], table: Table? = nil) {
            self.heading = heading
            self.level = level
            self.paragraphs = paragraphs
            self.table = table
        }
    }

    public struct Table: Sendable {
        public var columns: [String]
        public var rows: [[Cell]]
        /// A last row in bold, e.g. «Tổng cộng».
        public var total: [Cell]?
        public init(columns: [String], rows: [[Cell]], total: [Cell]? = nil) {
            self.columns = columns
            self.rows = rows
            self.total = total
        }
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)

        public var text: String {
            switch self {
            case let .text(text): text
            case let .number(number): String(number)
            }
        }
    }
}

/// The three files a report is written as.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, docx, xlsx

    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension ReportDocument {
    /// The document as a file's bytes.
    public func data(_ format: ReportFormat) throws -> [UInt8] {
        switch format {
        case .html: Array(HTMLReportWriter.html(self).utf8)
        case .docx: try DOCXReportWriter.data(self)
        case .xlsx: try XLSXReportWriter.data(self)
        }
    }
}
