import Analysis
import Forms
import Foundation
import Storage
import Summary

/// The `answers:` block of `forms/targets.yaml`: which kinds of entry must be answered, and how
/// long an office has to answer them.
///
///     answers:
///       due_days: 30                      # days to answer, counted from creation …
///       forum_date: 2025-06-15            # … or from the forum, for what was sent before it
///       kinds: [question, recommendation] # the entries the "100 % answered" target counts
public struct AnswerPolicy: Sendable, Hashable {
    public var dueDays: Int
    /// When set, entries and issues created before the forum are due `dueDays` after the forum:
    /// questions collected ahead of it are answered at it or after it, not before.
    public var forumDate: String?
    /// The form's kind codes that must be answered; other kinds (opinions, messages) may be
    /// answered but are not counted in the answered share.
    public var kinds: [String]

    public static let defaultKinds = ["question", "recommendation"]

    public init(dueDays: Int = 30, forumDate: String? = nil, kinds: [String] = AnswerPolicy.defaultKinds) {
        self.dueDays = dueDays
        self.forumDate = forumDate
        self.kinds = kinds
    }

    /// The default due date ("YYYY-MM-DD") of something created on `createdDay` (Vietnam's day).
    public func defaultDueDate(createdDay: String) -> String {
        var start = createdDay
        if let forumDate, forumDate > start { start = forumDate }
        return LocalCalendar.adding(days: dueDays, to: start)
    }

    /// The same from a stored UTC timestamp.
    public func defaultDueDate(createdAt timestamp: String) -> String {
        defaultDueDate(createdDay: Timestamps.parse(timestamp).map(LocalCalendar.day(of:)) ?? String(timestamp.prefix(10)))
    }

    /// True when an unanswered item due on `dueDate` is late on `today`: the due day itself is still in time.
    public static func isOverdue(dueDate: String, today: String) -> Bool {
        today > dueDate
    }
}
