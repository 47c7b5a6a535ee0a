import Crypto
import Forms
import Foundation

public enum SubmissionSource: String, Codable, Sendable {
    case api, web, `import`
}

/// A validated entry ready to be written.
public struct NewSubmission: Sendable {
    public var id: String
    public var formID: String
    public var formVersion: Int
    public var answers: [String: JSONValue]
    public var roles: RoleValues
    public var source: SubmissionSource
    public var receivedAt: Date
    /// What makes a retry "the same": form, version and the normalised answers.
    public var contentHash: String
    /// The answers as stored: canonical JSON.
    public var answersJSON: String
    /// Flagged at ingest as a disclosure of current harm; held for designated staff.
    public var safeguarding = false
    public var safeguardingReasons: [String] = []
    /// The day the child wrote it (YYYY-MM-DD), for a paper form typed in later; nil means the day
    /// it was received. Entries belong to the period of this day.
    public var writtenOn: String?

    public init(
        id: String, formID: String, formVersion: Int, validated: ValidatedSubmission,
        source: SubmissionSource, receivedAt: Date = Date()
    ) {
        self.id = id
        self.formID = formID
        self.formVersion = formVersion
        self.answers = validated.answers
        self.roles = validated.roles
        self.source = source
        self.receivedAt = receivedAt
        var json = JSONValue.object(validated.answers).canonicalString()
        var hasher = SHA256()
        var prefix = "\(formID)\n\(formVersion)\n"
        // The hash reads the strings' own UTF-8 storage: no Data copy of every entry's JSON.
        prefix.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        json.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        answersJSON = json
        contentHash = hexString(hasher.finalize())
    }
}

/// What happened to one submission handed to the writer.
public enum StoreOutcome: Sendable, Equatable {
    /// Newly committed to disk.
    case created
    /// The same id with the same content was already stored: a retry, nothing added.
    case duplicate
    /// The same id is stored with other content.
    case conflict
}
