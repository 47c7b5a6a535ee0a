/// An error a person reads: the same message in Vietnamese (first, for the staff and children)
/// and English (for developers and other implementers). The web application answers any of them
/// with its one error body (`APIError(status:, error)`); the command line prints `description`.
public protocol BilingualError: Error, CustomStringConvertible, Sendable {
    var vi: String { get }
    var en: String { get }
}

extension BilingualError {
    public var description: String { "\(vi) — \(en)" }
}
