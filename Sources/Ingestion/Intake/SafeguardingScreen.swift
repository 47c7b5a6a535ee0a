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

    public static let none = SafeguardingScreen { _ in Verdict(flagged: false, reasons: []) }
}
