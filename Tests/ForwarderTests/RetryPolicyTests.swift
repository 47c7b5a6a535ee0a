import Foundation
import Testing
import WebApp

@testable import Forwarder

@Suite("Backoff, jitter and Retry-After")
struct RetryPolicyTests {
    @Test func doublesFromOneSecondToFifteenMinutes() {
        let policy = RetryPolicy()
        #expect((1...12).map { policy.nominalDelay(afterTries: $0) } == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
        #expect(policy.nominalDelay(afterTries: 1000) == 900)
    }

    @Test func jitterStaysBetweenHalfAndAllOfTheNominalDelay() {
        let low = RetryPolicy(random: { 0 })
        let high = RetryPolicy(random: { 0.999_999 })
        #expect(low.delay(afterTries: 4, retryAfter: nil) == 4)
        #expect(high.delay(afterTries: 4, retryAfter: nil) > 7.99 && high.delay(afterTries: 4, retryAfter: nil) < 8)
        let real = RetryPolicy()
        for _ in 0..<200 {
            let delay = real.delay(afterTries: 3, retryAfter: nil)
            #expect(delay >= 2 && delay < 4)
        }
    }

    @Test func neverSoonerThanRetryAfter() {
        let policy = RetryPolicy(random: { 0 })
        #expect(policy.delay(afterTries: 1, retryAfter: 120) == 120)
        // A hint shorter than the backoff does not make us hammer the upstream.
        #expect(policy.delay(afterTries: 8, retryAfter: 1) == 64)
    }

    @Test func readsRetryAfterInSecondsOrAsAnHTTPDate() throws {
        let now = Date(timeIntervalSince1970: 1_445_412_000)  // Wed, 21 Oct 2015 07:20:00 GMT
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 480)
        #expect(RetryAfter.seconds("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 480)
        #expect(RetryAfter.seconds("Wed Oct 21 07:28:00 2015", now: now) == 480)
        #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("-5", now: now) == nil)
        #expect(RetryAfter.seconds(nil, now: now) == nil)
    }

    @Test func givesUpOnlyAfterTwentyFourHours() {
        let policy = RetryPolicy()
        let first = Date(timeIntervalSince1970: 0)
        #expect(!policy.hasExpired(firstAttempt: first, now: first.addingTimeInterval(86_399)))
        #expect(policy.hasExpired(firstAttempt: first, now: first.addingTimeInterval(86_400)))
    }
}

@Suite("What an answer means")
struct DeliveryClassificationTests {
    @Test func successesRetriesAndRefusals() {
        for status in [200, 201, 202, 204] { #expect(DeliveryClassification.classify(status: status) == .delivered) }
        for status in [408, 429, 500, 502, 503, 504, 599] {
            #expect(DeliveryClassification.classify(status: status) == .retry(retryAfter: nil), "\(status)")
        }
        for status in [400, 401, 403, 404, 409, 413, 415, 422, 301, 302] {
            #expect(DeliveryClassification.classify(status: status) == .refuse, "\(status)")
        }
    }

    @Test func noAnswerIsRetriedAndRetryAfterIsRead() {
        let now = Date()
        #expect(
            DeliveryClassification.classify(.failure(TransportError(code: 7, message: "refused")), now: now)
                == .retry(retryAfter: nil))
        #expect(
            DeliveryClassification.classify(.failure(TransportError(code: 28, message: "timeout", isTimeout: true)), now: now)
                == .retry(retryAfter: nil))
        let busy = UpstreamResponse(status: 503, headers: [("retry-after", "30")])
        #expect(DeliveryClassification.classify(.success(busy), now: now) == .retry(retryAfter: 30))
        let slowDown = UpstreamResponse(status: 429, headers: [("Retry-After", "7")])
        #expect(DeliveryClassification.classify(.success(slowDown), now: now) == .retry(retryAfter: 7))
    }
}
