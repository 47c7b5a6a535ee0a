import Summary

/// Where the Forwarder gets the summary it pushes: `AggregateSummarySource` in the product, a scripted
/// one in tests.
public protocol SummarySource: Sendable {
    /// Changes whenever the data the summary is built from changes; equal versions mean an equal
    /// summary, so `serve` does not push the same counts again every interval.
    func dataVersion() async throws -> String
    /// This unit's summary as of now. Must never contain a name, a contact or a child's own words.
    func currentSummary() async throws -> Summary
}
