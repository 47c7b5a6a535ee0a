import GRDB

extension AppDatabase {
    /// Every schema change is a new migration; applied migrations are never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: forms, schools, submissions") { db in
            try db.create(table: "form_versions") { t in
                t.column("form_id", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("content_hash", .text).notNull()
                t.column("definition", .text).notNull()
                t.column("registered_at", .datetime).notNull()
                t.primaryKey(["form_id", "version"])
            }
            try db.create(table: "schools") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("ward", .text).notNull()
                t.column("district", .text).notNull()
                t.column("level", .text).notNull()
                    .check(sql: "level IN ('primary', 'lower_secondary', 'other')")
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "submissions") { t in
                t.primaryKey("id", .text)
                t.column("form_id", .text).notNull()
                t.column("form_version", .integer).notNull()
                t.foreignKey(["form_id", "form_version"], references: "form_versions")
                t.column("content_hash", .text).notNull()
                t.column("answers", .jsonText).notNull()
                t.column("school_code", .text).notNull().references("schools").indexed()
                t.column("grade", .integer)
                t.column("age", .integer)
                t.column("gender", .text)
                t.column("kind", .text)
                t.column("chosen_theme", .text)
                t.column("participants", .integer).notNull().defaults(to: 1)
                t.column("voice", .text).notNull()
                t.column("consent", .boolean)
                t.column("received_at", .text).notNull().indexed()
                t.column("source", .text).notNull().check(sql: "source IN ('api', 'web', 'import')")
            }
        }
        return migrator
    }
}
