import Forms
import Foundation
import GRDB
import Testing

@testable import Storage

@Suite("Storage")
struct StorageTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let database: AppDatabase
    let form: Form

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tn-storage-\(UUID())").path
        database = try AppDatabase(directory: directory)
        form = try FormLoader.load(path: Self.root.appendingPathComponent("forms/dien-dan-tre-em.yaml").path)
        _ = try database.registerForms([form])
        _ = try database.upsertSchools([School(code: "A", name: "Trường A", ward: "P1", district: "Q", level: .primary)])
    }

    func submission(id: String = UUID().uuidString.lowercased(), text: String = "Em muốn học bơi") throws -> NewSubmission {
        let validated = try form.validate(answers: ["school": "A", "kind": "opinion", "text": .string(text)]).get()
        return NewSubmission(id: id, formID: form.id, formVersion: form.version, validated: validated, source: .api)
    }

    @Test func walAndForeignKeysAreOn() throws {
        let (mode, keys) = try database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(keys == 1)
        #expect(try database.integrityCheck() == "ok")
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    /// Children's words and the senders' secrets are in these files: only their owner reads them.
    @Test func theDataFolderAndDatabaseFilesArePrivate() async throws {
        try await SubmissionWriter(database: database).store(try submission())
        let folder = (database.path as NSString).deletingLastPathComponent
        #expect(try Self.mode(folder) == 0o700)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            #expect(try Self.mode(database.path + suffix) == 0o600, "tiengnoi.sqlite\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    /// A folder made by an earlier version, world-readable, is tightened when opened; nothing is lost.
    @Test func anOlderLooseFolderIsTightenedOnOpen() async throws {
        try await SubmissionWriter(database: database).store(try submission())
        let folder = (database.path as NSString).deletingLastPathComponent
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database.path + suffix)
        }
        let reopened = try AppDatabase(directory: folder)
        #expect(try Self.mode(folder) == 0o700)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            #expect(try Self.mode(database.path + suffix) == 0o600, "tiengnoi.sqlite\(suffix)")
        }
        #expect(try reopened.submissionCount() == 1)
    }

    @Test func aSecretFileOthersCanReadIsNamedWithTheFix() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8), attributes: [.posixPermissions: 0o640])
        #expect(FilePermissions.secretProblem(path: path)?.en.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(FilePermissions.secretProblem(path: path) == nil)
    }

    @Test func concurrentSubmissionsAreEachStoredOnce() async throws {
        let writer = SubmissionWriter(database: database)
        let items = try (0..<300).map { try submission(text: "Ý kiến số \($0)") }
        let outcomes = await withTaskGroup(of: StoreOutcome?.self) { group in
            for item in items { group.addTask { try? await writer.store(item) } }
            var all: [StoreOutcome?] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == .created }.count == 300)
        #expect(try database.submissionCount() == 300)
        // Every one again: all retries, nothing added.
        let again = await writer.store(items)
        #expect(again.allSatisfy { (try? $0.get()) == .duplicate })
        #expect(try database.submissionCount() == 300)
    }

    @Test func sameIDOtherContentIsAConflict() async throws {
        let writer = SubmissionWriter(database: database)
        let id = UUID().uuidString.lowercased()
        #expect(try await writer.store(submission(id: id)) == .created)
        #expect(try await writer.store(submission(id: id, text: "khác")) == .conflict)
        #expect(try database.submissionCount() == 1)
    }

    @Test func oneBadRowDoesNotSinkItsBatch() async throws {
        let writer = SubmissionWriter(database: database)
        var orphan = try submission()
        orphan.roles.school = "NOT-REGISTERED"  // violates the foreign key
        let results = await writer.store([try submission(), orphan, try submission()])
        #expect((try? results[0].get()) == .created)
        #expect((try? results[1].get()) == nil)
        #expect((try? results[2].get()) == .created)
        #expect(try database.submissionCount() == 2)
    }

    @Test func changedFormWithSubmissionsMustRaiseItsVersion() async throws {
        var changed = form
        changed.title.vi += " (sửa)"
        // No submissions yet: the stored definition simply follows the file.
        _ = try database.registerForms([changed])
        _ = try await SubmissionWriter(database: database).store(submission())
        changed.title.vi += " lần hai"
        let error = #expect(throws: FormVersionConflict.self) { try database.registerForms([changed]) }
        #expect(error?.description.contains("dien-dan-tre-em") == true)
        #expect(error?.description.contains("version") == true)
        // Raising the version is accepted, and the old version stays readable.
        changed.version = 2
        let versions = try database.registerForms([changed])
        #expect(versions.versions(id: form.id) == [1, 2])
        #expect(versions.latest(id: form.id)?.version == 2)
        #expect(versions.form(id: form.id, version: 1) != nil)
    }
}

@Suite("Retention")
struct RetentionTests {
    @Test func oldEntriesLoseTheirWordsAndNamesButKeepCounts() async throws {
        let base = try StorageTests()
        let writer = SubmissionWriter(database: base.database)
        let old = try base.form.validate(answers: [
            "school": "A", "kind": "opinion", "text": "Em muốn học bơi",
            "name": "Nguyễn Văn A", "grade": 5,
        ]).get()
        let oldID = UUID().uuidString.lowercased()
        _ = try await writer.store(
            NewSubmission(
                id: oldID, formID: base.form.id, formVersion: 1, validated: old,
                source: .api, receivedAt: Date().addingTimeInterval(-40 * 86_400)))
        _ = try await writer.store(try base.submission(text: "Hôm nay em viết"))
        let forms = try base.database.storedFormVersions()
        #expect(try base.database.removeFreeText(olderThan: 30, forms: forms) == 1)
        #expect(try base.database.removeFreeText(olderThan: 30, forms: forms) == 0)
        let rows = try await base.database.submissions()
        #expect(rows.count == 2)
        let answers = rows[0].answers
        #expect(rows[0].voice == "" && !answers.contains("bơi") && !answers.contains("Nguyễn"))
        #expect(answers.contains("\"grade\":5") && rows[0].schoolCode == "A")
        #expect(rows[1].voice == "Hôm nay em viết")
    }
}
