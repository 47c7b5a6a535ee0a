import Foundation
import Summary

/// Where pulled answers are kept: the Answers feature in the product (wired by the web
/// application), a scripted one in tests. The Forwarder only moves pages; it does not know how
/// answers are stored.
public protocol PulledAnswerStore: Sendable {
    /// Where the pull from `upstream` got to (0 before the first pull).
    func cursor(upstream: String) async throws -> Int64
    /// Stores the page's answers not held yet and moves the cursor to `page.next`, in one
    /// transaction, so a page fetched twice adds nothing. Returns how many were new, and how
    /// many could not be shown (a status this version does not know) and were skipped.
    func store(_ page: AnswerPage, upstream: String, now: Date) async throws -> (added: Int, skipped: Int)
    /// Notes why the last pull failed; the cursor stays.
    func recordFailure(upstream: String, error: String, now: Date) async throws
}
