import Foundation

@testable import Forms

enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var defaultFormPath: String { repositoryRoot.appendingPathComponent("forms/dien-dan-tre-em.yaml").path }

    static var defaultFormText: String { (try? String(contentsOfFile: defaultFormPath, encoding: .utf8)) ?? "" }

    static func defaultForm() throws -> Form { try FormLoader.load(path: defaultFormPath) }

    /// A small valid form; tests break one thing in it at a time.
    static let minimalForm = """
        id: thu-nghiem
        version: 1
        title: Biểu mẫu thử
        themes:
          - code: online_safety
            name: An toàn trên mạng
            description: Những điều trên mạng.
            keywords: [mạng xã hội]
          - code: other
            name: Khác
            description: Điều khác.
            keywords: [khác]
        fields:
          - id: school
            type: text
            role: school
            required: true
            label: Trường
          - id: noi_dung
            type: longtext
            maxLength: 20
            role: voice
            required: true
            label: Nội dung
          - id: so_ban
            type: integer
            min: 1
            max: 50
            role: participants
            label: Số bạn
          - id: loai
            type: choice
            role: kind
            label: Loại
            choices:
              - code: question
                label: Câu hỏi
              - code: opinion
                label: Ý kiến
          - id: chu_de
            type: choice
            role: theme
            label: Chủ đề
          - id: so_thich
            type: multichoice
            label: Sở thích
            choices:
              - {code: doc, label: Đọc sách}
              - {code: ve, label: Vẽ}
          - id: dong_y
            type: boolean
            role: consent
            label: Đồng ý
          - id: ngay
            type: date
            label: Ngày
          - id: ghi_chu
            type: text
            label: Ghi chú

        """

    /// The 1-based line of the first line containing `needle`.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }
}
