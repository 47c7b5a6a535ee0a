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
                // An integer key keeps inserts appending to the table and gives analysis a stable
                // order to follow; the client-chosen UUID is unique beside it.
                t.primaryKey("seq", .integer)
                t.column("id", .text).notNull().unique()
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
        migrator.registerMigration("v2: analyses, issues, tallies") { db in
            try db.create(table: "issues") { t in
                t.primaryKey("id", .text)
                t.column("form_id", .text).notNull()
                t.column("theme", .text).notNull()
                t.column("representative", .text).notNull()
                // How close the representative is to the centre; a closer newcomer replaces it.
                t.column("representative_score", .double).notNull().defaults(to: 0)
                // The centre: JSON {term: weight}, the top terms of its members.
                t.column("centroid", .text).notNull()
                // The representative's own terms, JSON like the centroid.
                t.column("anchor", .text).notNull()
                t.column("entries", .integer).notNull().defaults(to: 0)
                t.column("participants", .integer).notNull().defaults(to: 0)
                t.column("merged_into", .text).references("issues")
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(index: "issues_form_theme", on: "issues", columns: ["form_id", "theme"])
            try db.create(table: "analyses") { t in
                t.primaryKey("seq", .integer).references("submissions", column: "seq", onDelete: .cascade)
                // The theme the entry is counted under: the child's, a staff correction, or the model's.
                t.column("theme", .text).notNull()
                t.column("theme_source", .text).notNull().check(sql: "theme_source IN ('child', 'model', 'staff')")
                t.column("predicted_theme", .text).notNull()
                t.column("confidence", .double).notNull()
                t.column("needs_review", .boolean).notNull()
                t.column("issue_id", .text).references("issues").indexed()
                t.column("safeguarding", .boolean).notNull().defaults(to: false)
                t.column("analyzed_at", .text).notNull()
            }
            try db.create(table: "issue_schools") { t in
                t.column("issue_id", .text).notNull().references("issues")
                t.column("school_code", .text).notNull()
                t.column("entries", .integer).notNull()
                t.primaryKey(["issue_id", "school_code"])
            }
            try db.create(table: "theme_corrections") { t in
                t.primaryKey("seq", .integer).references("submissions", column: "seq", onDelete: .cascade)
                t.column("theme", .text).notNull()
                t.column("corrected_at", .text).notNull()
            }
            // How far analysis got: every submission up to this seq has been analysed.
            try db.create(table: "analysis_progress") { t in
                t.primaryKey("id", .integer).check(sql: "id = 1")
                t.column("last_seq", .integer).notNull()
            }
            // Counts per cell of school × kind × gender × grade × theme × month, kept up to date as
            // entries are analysed, so a report never rescans every entry.
            try db.create(table: "tally_cells") { t in
                t.column("school_code", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("gender", .text).notNull()
                t.column("grade", .integer).notNull()
                t.column("theme", .text).notNull()
                t.column("month", .text).notNull()
                t.column("entries", .integer).notNull()
                t.column("consultations", .integer).notNull()
                t.primaryKey(["school_code", "kind", "gender", "grade", "theme", "month"])
            }
        }

        // The Forwarder: summaries waiting to go upstream, the units allowed to send here, and what they sent.
        // Times are Timestamp text like every other table.
        migrator.registerMigration("forwarder v1: outbox, senders, received summaries") { db in
            try db.create(table: "outbox") { t in
                t.primaryKey("id", .text)
                // Frozen when queued: a retry sends these exact bytes, whatever changed since.
                t.column("payload", .text).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('queued', 'delivered', 'failed')")
                // What the data looked like when queued; `serve` queues again only when it changes.
                t.column("data_version", .text)
                t.column("tries", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .text)
                t.column("first_attempt_at", .text)
                t.column("last_status", .integer)
                t.column("last_error", .text)
                // Kept when the upstream refuses, so an operator can read why.
                t.column("response_body", .text)
                t.column("created_at", .text).notNull()
                t.column("delivered_at", .text)
            }
            try db.create(index: "outbox_due", on: "outbox", columns: ["status", "next_attempt_at"])
            try db.create(table: "senders") { t in
                t.primaryKey("code", .text)
                t.column("secret", .text).notNull()
                t.column("added_at", .text).notNull()
            }
            try db.create(table: "received_summaries") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sender", .text).notNull()
                t.column("idempotency_key", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("payload_hash", .text).notNull()
                t.column("generated_at", .text).notNull()
                t.column("received_at", .text).notNull()
                t.uniqueKey(["sender", "idempotency_key"])
            }
            // A sender's latest summary replaces its earlier ones in the roll-up; "latest" is the
            // sender's own generation time, so a delayed retry of an older summary does not win.
            try db.execute(
                sql: """
                    CREATE VIEW latest_received_summaries AS
                    SELECT id, sender, idempotency_key, payload, generated_at, received_at FROM (
                      SELECT *, row_number() OVER (PARTITION BY sender ORDER BY generated_at DESC, id DESC) AS position
                      FROM received_summaries)
                    WHERE position = 1
                    """)
        }
        // Access: staff accounts, API tokens, login sessions, per-school form keys and the audit log.
        migrator.registerMigration("access v1: users, tokens, sessions, school links, audit") { db in
            try db.create(table: "users") { t in
                t.primaryKey("id", .text)
                t.column("username", .text).notNull().unique()
                t.column("password_hash", .text).notNull()
                t.column("role", .text).notNull()
                    .check(sql: "role IN ('admin', 'coordinator', 'responder', 'viewer')")
                // A coordinator sees one school; a responder answers for one office.
                t.column("school_code", .text).references("schools")
                t.column("office", .text)
                t.column("safeguarding", .boolean).notNull().defaults(to: false)
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "api_tokens") { t in
                t.primaryKey("id", .text)
                t.column("user_id", .text).notNull().references("users")
                // SHA-256 of the token: a stolen database gives no usable token.
                t.column("token_hash", .text).notNull().unique()
                t.column("label", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("revoked", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "sessions") { t in
                t.primaryKey("token_hash", .text)
                t.column("user_id", .text).notNull().references("users")
                t.column("csrf_token", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("expires_at", .text).notNull()
            }
            try db.create(table: "school_links") { t in
                t.primaryKey("school_code", .text).references("schools")
                t.column("link_key", .text).notNull()
                t.column("rotated_at", .text).notNull()
            }
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        migrator.registerMigration("safeguarding v1: entries held for designated staff") { db in
            try db.alter(table: "submissions") { t in
                // Flagged at ingest: the child may be being hurt now. Never forwarded, never shown on
                // dashboards; only people with the safeguarding permission see it.
                t.add(column: "safeguarding", .boolean).notNull().defaults(to: false)
                // Which rules fired, for the person who reads it (never the text itself).
                t.add(column: "safeguarding_reasons", .text)
                t.add(column: "safeguarding_handled_at", .text)
                t.add(column: "safeguarding_handled_by", .text)
            }
        }
        migrator.registerMigration("retention v1: when free text was removed") { db in
            try db.alter(table: "submissions") { t in t.add(column: "text_removed_at", .text) }
        }
        // Answers to children's questions and recommendations, and how they travel back down.
        migrator.registerMigration("answers v1: answer versions, routes down, pull cursors") { db in
            try db.create(table: "answers") { t in
                // A UUID kept unchanged at every level the answer reaches, so each stores it once.
                t.primaryKey("id", .text)
                t.column("target_kind", .text).notNull().check(sql: "target_kind IN ('issue', 'entry')")
                // An issue id (stable across levels) or a submission's text id.
                t.column("target_id", .text).notNull()
                t.column("office", .text).notNull()
                t.column("status", .text).notNull().check(
                    sql: """
                        status IN ('unanswered', 'answered', 'implemented', 'under_consideration', 'cannot_implement')
                        """)
                t.column("text", .text).notNull()
                t.column("reason", .text)
                t.column("solution", .text)
                t.column("due_date", .text)
                t.column("drafted_at", .text).notNull()
                t.column("published_at", .text)
                // Order of publication on this instance: newest wins, and units below page by it.
                t.column("published_seq", .integer).unique()
                t.column("source", .text).notNull().check(sql: "source IN ('here', 'upstream')")
                t.column("received_at", .text)
                t.check(sql: "status != 'cannot_implement' OR (coalesce(reason, '') != '' AND coalesce(solution, '') != '')")
                t.check(sql: "(published_at IS NULL) = (published_seq IS NULL)")
            }
            try db.create(index: "answers_target", on: "answers", columns: ["target_kind", "target_id", "published_seq"])
            // One draft per target at a time: editing a draft changes it rather than piling up drafts.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX answers_one_draft ON answers (target_kind, target_id) WHERE published_at IS NULL
                    """)
            // Which unit below reported which issue: an answer to the issue goes down to that unit.
            try db.create(table: "answer_routes", options: [.withoutRowID]) { t in
                t.column("sender", .text).notNull()
                t.column("issue_id", .text).notNull()
                t.column("first_seen", .text).notNull()
                t.primaryKey(["sender", "issue_id"])
            }
            try db.create(index: "answer_routes_issue", on: "answer_routes", columns: ["issue_id"])
            // How far `answer_routes` has read `received_summaries`.
            try db.create(table: "answer_routes_progress") { t in
                t.primaryKey("id", .integer).check(sql: "id = 1")
                t.column("last_received_id", .integer).notNull()
            }
            // Where this unit's pull of answers from the level above got to, per upstream address.
            try db.create(table: "answer_pulls") { t in
                t.primaryKey("upstream", .text)
                t.column("cursor", .integer).notNull().defaults(to: 0)
                t.column("last_success_at", .text)
                t.column("last_error", .text)
                t.column("updated_at", .text).notNull()
            }
        }
        // Security: tokens that expire, and the units a sender may speak for besides itself.
        migrator.registerMigration("security v1: token expiry, units below each sender") { db in
            try db.alter(table: "api_tokens") { t in
                // NULL only for rows written before this migration; they are given 90 days below.
                t.add(column: "expires_at", .text)
            }
            // Tokens issued before expiry existed run out 90 days after they were made.
            try db.execute(
                sql: """
                    UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days')
                    WHERE expires_at IS NULL
                    """)
            // A unit below is believed only about itself and the units registered under it here
            // (`tiengnoi senders add CODE --units A,B`): a ward's schools, a district's wards and schools.
            try db.create(table: "sender_units", options: [.withoutRowID]) { t in
                t.column("sender", .text).notNull().references("senders", onDelete: .cascade)
                t.column("unit", .text).notNull().check(sql: "length(unit) > 0")
                t.primaryKey(["sender", "unit"])
            }
        }
        // The staff workspace: a first admin whose one-time password must be changed, and the
        // follow-up of each entry held for safeguarding.
        migrator.registerMigration("workspace v1: password change, safeguarding cases") { db in
            try db.alter(table: "users") { t in
                t.add(column: "must_change_password", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "safeguarding_cases") { t in
                t.primaryKey("entry_id", .text).references("submissions", column: "id", onDelete: .cascade)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('new', 'contacted', 'referred', 'closed')")
                // Where the child was referred: 111, the police, the school, a social worker, health.
                t.column("referred_to", .text)
                    .check(sql: "referred_to IS NULL OR referred_to IN ('hotline_111', 'police', 'school', 'social_worker', 'health')")
                t.column("next_step", .text)
                t.column("next_step_due", .text)
                t.column("updated_at", .text).notNull()
                t.column("updated_by", .text).notNull()
                t.check(sql: "status != 'referred' OR referred_to IS NOT NULL")
            }
            // Every change to a case, with who made it: the officer's record of what was done.
            try db.create(table: "safeguarding_case_notes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("entry_id", .text).notNull().references("safeguarding_cases", column: "entry_id", onDelete: .cascade)
                    .indexed()
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("status", .text).notNull()
                t.column("referred_to", .text)
                t.column("next_step", .text)
                t.column("next_step_due", .text)
                t.column("note", .text).notNull()
            }
        }
        // The admin's school registry: a school that closed or merged stops taking entries but
        // keeps what it sent.
        migrator.registerMigration("admin v1: schools can be deactivated") { db in
            try db.alter(table: "schools") { t in
                t.add(column: "active", .boolean).notNull().defaults(to: true).check(sql: "active IN (0, 1)")
            }
        }
        // The campaign year: the day a paper form was written, when it was typed in later, so an
        // entry belongs to the period of that day rather than of the typing.
        migrator.registerMigration("calendar v1: the day an entry was written") { db in
            try db.alter(table: "submissions") { t in
                t.add(column: "written_on", .text)
                    .check(sql: "written_on IS NULL OR (length(written_on) = 10 AND written_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')")
            }
        }
        // The forums themselves: who came (counts only for special circumstances), the leaders
        // who answered, the issues taken to them.
        migrator.registerMigration("events v1: events, their leaders and issues") { db in
            try db.create(table: "events") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull().check(sql: "length(kind) > 0")
                t.column("unit", .text).notNull().indexed()
                t.column("held_on", .text).notNull()
                    .check(sql: "length(held_on) = 10 AND held_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'")
                t.column("place", .text).notNull().defaults(to: "")
                for count in ["girls", "boys", "other_gender", "under_12", "from_12_to_16", "over_16", "special_circumstances"] {
                    t.column(count, .integer).notNull().defaults(to: 0).check(sql: "\(count) >= 0")
                }
                t.column("outcome", .text).notNull().defaults(to: "")
                t.column("created_by", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.check(sql: "special_circumstances <= girls + boys + other_gender")
            }
            try db.create(table: "event_leaders") { t in
                t.column("event_id", .text).notNull().references("events", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull().check(sql: "length(name) > 0")
                t.column("office", .text).notNull().check(sql: "length(office) > 0")
                t.primaryKey(["event_id", "position"])
            }
            try db.create(table: "event_issues") { t in
                t.column("event_id", .text).notNull().references("events", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("issue_id", .text).notNull().references("issues").indexed()
                t.primaryKey(["event_id", "position"])
            }
        }
        // A dialogue's run sheet: each shortlisted question is put to one leader's office, and the
        // answer given on the day is noted beside it.
        migrator.registerMigration("events v2: the dialogue run sheet") { db in
            try db.alter(table: "event_issues") { t in
                t.add(column: "office", .text)
                t.add(column: "answer_given", .text)
            }
        }
        // A forum's delegates: names stay at the unit, counts go upward.
        migrator.registerMigration("events v3: delegates") { db in
            try db.create(table: "event_delegates") { t in
                t.column("event_id", .text).notNull().references("events", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("given_name", .text).notNull().check(sql: "length(given_name) BETWEEN 1 AND 60")
                t.column("school_code", .text).notNull()
                t.column("age", .integer).notNull().check(sql: "age BETWEEN 5 AND 20")
                t.column("gender", .text).notNull().check(sql: "gender IN ('nu', 'nam', 'khac')")
                t.column("special_circumstances", .boolean).notNull().defaults(to: false)
                t.primaryKey(["event_id", "position"])
            }
        }
        // Photos and documents as evidence of an event. The unit keeps the file (metadata removed)
        // and whether it may go upward; a receiver keeps the files units below sent with consent;
        // the forwarder remembers which files the level above already has.
        migrator.registerMigration("evidence v1: event evidence, received evidence, deliveries") { db in
            try db.create(table: "event_evidence") { t in
                t.column("event_id", .text).notNull().references("events", onDelete: .cascade)
                t.column("sha256", .text).notNull().check(sql: "length(sha256) = 64")
                t.column("kind", .text).notNull().check(sql: "kind IN ('photo', 'document')")
                t.column("content_type", .text).notNull()
                    .check(sql: "content_type IN ('image/jpeg', 'image/png', 'application/pdf')")
                t.column("bytes", .integer).notNull().check(sql: "bytes BETWEEN 1 AND 5242880")
                t.column("consent", .boolean).notNull().defaults(to: false)
                t.column("data", .blob).notNull()
                t.column("created_by", .text).notNull()
                t.column("created_at", .text).notNull()
                t.primaryKey(["event_id", "sha256"])
                t.check(sql: "length(data) = bytes")
            }
            try db.create(index: "event_evidence_sha256", on: "event_evidence", columns: ["sha256"])
            try db.create(table: "received_evidence") { t in
                t.primaryKey("sha256", .text).check(sql: "length(sha256) = 64")
                t.column("sender", .text).notNull()
                t.column("content_type", .text).notNull()
                    .check(sql: "content_type IN ('image/jpeg', 'image/png', 'application/pdf')")
                t.column("bytes", .integer).notNull().check(sql: "bytes BETWEEN 1 AND 5242880")
                t.column("data", .blob).notNull()
                t.column("received_at", .text).notNull()
                t.check(sql: "length(data) = bytes")
            }
            try db.create(table: "evidence_deliveries") { t in
                t.primaryKey("sha256", .text).check(sql: "length(sha256) = 64")
                t.column("status", .text).notNull().check(sql: "status IN ('delivered', 'retry')")
                t.column("tries", .integer).notNull().defaults(to: 0).check(sql: "tries >= 0")
                t.column("last_status", .integer)
                t.column("last_error", .text)
                t.column("updated_at", .text).notNull()
            }
        }
        // Issue centres are sums of term vectors; when the way an entry becomes terms changes
        // (grouping by concepts), the stored centres must be recomputed from their members once,
        // or old issues stop matching new entries. The version says which terms they are written in.
        migrator.registerMigration("grouping v2: the terms issue centres are written in") { db in
            try db.execute(
                sql: "ALTER TABLE analysis_progress ADD COLUMN terms_version INTEGER NOT NULL DEFAULT 1 CHECK (terms_version >= 1)")
        }
        // A split is a person saying two issues ask different things: the part split out keeps where
        // it came from, so that the merge suggestions never offer to undo it (issue 18).
        migrator.registerMigration("grouping v3: where a split issue came from") { db in
            try db.execute(
                sql: "ALTER TABLE issues ADD COLUMN split_from TEXT REFERENCES issues(id) CHECK (split_from IS NULL OR split_from != id)")
        }
        // Every summary counts the entries held for safeguarding; with no index on the flag, SQLite
        // walked every submission and looked its analysis up (1.1 s of a summary at a million
        // entries). Held entries are few: a partial index of them alone costs nothing elsewhere.
        migrator.registerMigration("analysis v1: an index of the entries held for safeguarding") { db in
            try db.execute(sql: "CREATE INDEX analyses_held ON analyses(seq) WHERE safeguarding")
        }
        return migrator
    }
}
