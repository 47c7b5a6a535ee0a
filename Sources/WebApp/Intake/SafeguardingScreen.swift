import Analysis
import Answers
import Reports
import Summary

/// How intake asks whether an entry discloses current harm. The product uses the Aggregator's
/// detector; `none` is for tests of other behaviour.
public struct SafeguardingScreen: Sendable {
    public struct Verdict: Sendable {
        public var flagged: Bool
        public var reasons: [String]
        public init(flagged: Bool, reasons: [String]) {
            self.flagged = flagged
            self.reasons = reasons
        }
    }

    public let assess: @Sendable (String) -> Verdict

    public init(assess: @escaping @Sendable (String) -> Verdict) { self.assess = assess }

    /// Tổng đài quốc gia bảo vệ trẻ em: free, day and night.
    public static let hotline = "111"

    public static let none = SafeguardingScreen { _ in Verdict(flagged: false, reasons: []) }

    /// The Aggregator's detector, loaded once: a lexicon over folded text plus a statistical model.
    public static func detector() throws -> SafeguardingScreen {
        let detector = try SafeguardingDetector()
        return SafeguardingScreen { text in
            let assessment = detector.assess(text)
            return Verdict(flagged: assessment.flagged, reasons: assessment.codes)
        }
    }
}
