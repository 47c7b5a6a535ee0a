extension Duration {
    /// The duration in seconds, for rates (tokens a second, requests a second).
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
