import Foundation

/// What one delivery attempt means for its outbox row.
public enum DeliveryVerdict: Sendable, Equatable {
    /// 2xx: the upstream holds the summary.
    case delivered
    /// Worth another try: no answer (refused, timed out, dropped), 408, 429 or 5xx.
    /// `retryAfter` is the upstream's own hint in seconds, when it gave one.
    case retry(retryAfter: Double?)
    /// The upstream refused this summary itself (any other 4xx, or a redirect we will not follow
    /// with a signed body): sending it again cannot help, a person has to look.
    case refuse
}

public enum DeliveryClassification {
    public static func classify(_ result: Result<UpstreamResponse, TransportError>, now: Date) -> DeliveryVerdict {
        switch result {
        case .failure:
            return .retry(retryAfter: nil)
        case let .success(response):
            return classify(
                status: response.status,
                retryAfter: RetryAfter.seconds(response.header("Retry-After"), now: now))
        }
    }

    public static func classify(status: Int, retryAfter: Double? = nil) -> DeliveryVerdict {
        switch status {
        case 200..<300: .delivered
        case 408, 429, 500..<600: .retry(retryAfter: retryAfter)
        // 1xx never reaches us (curl consumes it); anything else unexpected is a refusal.
        default: .refuse
        }
    }
}
