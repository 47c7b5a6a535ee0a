import Foundation
import Logging
import Storage
import Summary

/// Why a pull of answers did not complete. Nothing was stored and the cursor did not move, so
/// the next pull asks for the same answers again.
public struct AnswerPullFailure: Error, Sendable, CustomStringConvertible {
    /// True when trying again may help (no answer, 408, 429, 5xx, a body cut short).
    public var retryable: Bool
    public var retryAfter: Double?
    public var message: String
    public var description: String { message }
}

/// The school's side of answers coming down: it asks the level above for answers published since
/// its cursor, signed with the secret it pushes with, stores each answer once and moves the
/// cursor in the same transaction. The school only ever makes outgoing requests, so it needs no
/// public address, and a school offline for a week simply catches up on its next pull.
public struct AnswerPuller: Sendable {
    public let receipt: any PulledAnswerStore
    /// `…/api/v1/answers` at the level above.
    public let url: String
    public let sender: String
    public let secret: UpstreamSecret
    public let transport: any UpstreamFetching
    public let policy: RetryPolicy
    public let clock: @Sendable () -> Date
    public let logger: Logger
    /// Answers per page; well inside what the transport keeps of a body.
    public var pageSize = 100

    public init(
        receipt: any PulledAnswerStore, url: String, sender: String, secret: UpstreamSecret, transport: any UpstreamFetching,
        policy: RetryPolicy = RetryPolicy(), clock: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "tiengnoi.answers")
    ) {
        self.receipt = receipt
        self.url = url
        self.sender = sender
        self.secret = secret
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// The answers address next to an intake address: `…/api/v1/intake/summaries` → `…/api/v1/answers`.
    /// nil when the intake address has another shape (a receiver that is not TiengNoi).
    public static func answersURL(forIntake intake: String) -> String? {
        guard var components = URLComponents(string: intake), components.path.hasSuffix("/intake/summaries") else { return nil }
        components.path = String(components.path.dropLast("/intake/summaries".count)) + "/answers"
        components.query = nil
        return components.string
    }

    /// The signed GET for one page: signed like a push, with an empty idempotency key and body.
    public func request(since: Int64, now: Date) -> UpstreamRequest {
        var components = URLComponents(string: url)
        components?.queryItems = [
            URLQueryItem(name: "since", value: String(since)),
            URLQueryItem(name: "limit", value: String(pageSize)),
        ]
        return UpstreamRequest(
            url: components?.string ?? url,
            headers: [("Accept", "application/json")]
                + RequestSignature.headers(secret: secret, sender: sender, idempotencyKey: "", now: now, body: Data()),
            body: Data(), method: .get)
    }

    /// Pulls page after page until the level above has nothing more. Returns how many answers were new.
    @discardableResult
    public func pullOnce() async throws -> Int {
        var added = 0
        var pages = 0
        while !Task.isCancelled {
            let since = try await receipt.cursor(upstream: url)
            let page = try await fetch(since: since)
            let stored = try await receipt.store(page, upstream: url, now: clock())
            if stored.skipped > 0 {
                logger.warning("answers from upstream skipped: not showable", metadata: ["skipped": "\(stored.skipped)"])
            }
            added += stored.added
            pages += 1
            // A page that does not move the cursor cannot lead anywhere new.
            guard page.more, page.next > since, pages < 1_000 else { break }
        }
        if added > 0 { logger.info("answers received from upstream", metadata: ["new": "\(added)"]) }
        return added
    }

    func fetch(since: Int64) async throws -> AnswerPage {
        switch await transport.get(request(since: since, now: clock())) {
        case let .failure(error):
            throw AnswerPullFailure(retryable: true, message: error.description)
        case let .success(response):
            switch DeliveryClassification.classify(
                status: response.status,
                retryAfter: RetryAfter.seconds(response.header("Retry-After"), now: clock()))
            {
            case .delivered:
                do {
                    return try JSONDecoder().decode(AnswerPage.self, from: response.body)
                } catch {
                    // A body cut short on the way decodes badly too: worth another try.
                    throw AnswerPullFailure(retryable: true, message: "HTTP \(response.status): unreadable answers (\(error))")
                }
            case let .retry(retryAfter):
                throw AnswerPullFailure(
                    retryable: true, retryAfter: retryAfter,
                    message: "HTTP \(response.status): \(Self.excerpt(response.body))")
            case .refuse:
                throw AnswerPullFailure(retryable: false, message: "HTTP \(response.status): \(Self.excerpt(response.body))")
            }
        }
    }

    static func excerpt(_ body: Data) -> String {
        String(decoding: body.prefix(500), as: UTF8.self)
    }

    /// Pulls, retrying with backoff while failures may pass, for at most `maxWait` seconds
    /// (`tiengnoi answers pull`). Throws the last failure when it gives up.
    @discardableResult
    public func pull(maxWait: Double) async throws -> Int {
        let deadline = clock().addingTimeInterval(maxWait)
        var tries = 0
        while true {
            do {
                return try await pullOnce()
            } catch let failure as AnswerPullFailure {
                tries += 1
                try? await receipt.recordFailure(upstream: url, error: failure.message, now: clock())
                let pause = policy.delay(afterTries: tries, retryAfter: failure.retryAfter)
                guard failure.retryable, clock().addingTimeInterval(pause) < deadline else { throw failure }
                logger.warning("answers not pulled; will retry", metadata: ["try": "\(tries)", "outcome": "\(failure.message)"])
                try await Task.sleep(for: .seconds(pause))
            }
        }
    }

    /// What `serve` runs: a pull every `interval` seconds; after a failure, sooner retries with
    /// backoff (never later than the interval). Only cancellation ends it.
    public func run(every interval: Double) async {
        var tries = 0
        while !Task.isCancelled {
            var pause = interval
            do {
                try await pullOnce()
                tries = 0
            } catch is CancellationError {
                return
            } catch {
                tries += 1
                let failure = error as? AnswerPullFailure
                try? await receipt.recordFailure(upstream: url, error: "\(error)", now: clock())
                logger.warning("answers not pulled", metadata: ["try": "\(tries)", "outcome": "\(error)"])
                if failure?.retryable ?? true {
                    pause = min(interval, policy.delay(afterTries: tries, retryAfter: failure?.retryAfter))
                }
            }
            do { try await Task.sleep(for: .seconds(pause)) } catch { return }
        }
    }
}
