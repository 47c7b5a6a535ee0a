extension Form {
    /// The readable overview `tiengnoi forms show` prints: fields, roles, themes.
    public func summaryText() -> String {
        var lines: [String] = []
        lines.append("\(id) · phiên bản \(version)")
        lines.append(title.vi)
        if let en = title.en { lines.append(en) }
        lines.append("")
        lines.append("Trường (fields):")
        for field in fields {
            var facts = [field.type.rawValue]
            if field.required { facts.append("bắt buộc") }
            if let role = field.role { facts.append("role=\(role.rawValue)") }
            if let maxLength = field.maxLength { facts.append("tối đa \(maxLength) ký tự") }
            if field.min != nil || field.max != nil {
                facts.append("\(field.min.map(String.init) ?? "…")–\(field.max.map(String.init) ?? "…")")
            }
            lines.append("  \(field.id) — \(field.label.vi) [\(facts.joined(separator: ", "))]")
            if field.role != .theme, !field.choices.isEmpty {
                lines.append("      lựa chọn: " + field.choices.map { "\($0.code) (\($0.label.vi))" }.joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("Chủ đề (themes):")
        for theme in themes {
            lines.append("  \(theme.code) — \(theme.name.vi)")
            lines.append("      \(theme.description.vi)")
            lines.append("      từ khoá: \(theme.keywords.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
