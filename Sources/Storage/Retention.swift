import Forms
import Foundation
import GRDB

extension AppDatabase {
    /// Deletes what children wrote in their own words (text fields and the name) from entries older
    /// than `days`, keeping everything that is counted: school, grade, gender, kind, theme, the
    /// analysis and the issue they belong to. Returns how many entries lost their text.
    /// Issue texts (the representative sentence of a group) are kept: answers refer to them.
    public func removeFreeText(olderThan days: Int, forms: FormVersions, now: Date = Date()) throws -> Int {
        let cutoff = Timestamp.string(now.addingTimeInterval(-Double(days) * 86_400))
        let stamp = Timestamp.string(now)
        return try write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, form_id, form_version, answers FROM submissions
                    WHERE received_at < ? AND text_removed_at IS NULL
                    """, arguments: [cutoff])
            for row in rows {
                let seq: Int64 = row["seq"]
                let form = forms.form(id: row["form_id"], version: row["form_version"])
                let freeText = Set(
                    form?.fields.filter { [.text, .longtext].contains($0.type) && $0.role != .school }
                        .map(\.id) ?? [])
                var answers = (try? JSONParser.parse(row["answers"] as String).objectValue) ?? [:]
                for key in freeText { answers.removeValue(forKey: key) }
                try db.execute(
                    sql: """
                        UPDATE submissions SET voice = '', answers = ?, text_removed_at = ? WHERE seq = ?
                        """, arguments: [JSONValue.object(answers).canonicalString(), stamp, seq])
            }
            if !rows.isEmpty {
                try Self.audit(db, actor: "retention", action: "text.removed", detail: "\(rows.count) entries older than \(days) days", now: now)
            }
            return rows.count
        }
    }
}
