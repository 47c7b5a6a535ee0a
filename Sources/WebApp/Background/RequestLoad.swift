import Synchronization

/// How busy the server is, so that the background analysis can give way to children and staff.
///
/// Why: on the two cores the server has, the analysis of the entries just taken (about 40 µs of
/// CPU an entry) competes with the requests for as long as a peak lasts, however low its threads'
/// priority (issue 19, BENCHMARKS.md). Between two chunks of its work — where it holds no lock, no
/// read snapshot and no write — the pass now waits while requests keep arriving at more than
/// 1,000 a second, but never more than `longest` a chunk: under any load it still analyses
/// at least a chunk (250 entries) in every quarter of a second, and catches up at full speed when
/// the peak ends. Nothing a child needs waits on it: screening for safeguarding is at ingest.
enum RequestLoad {
    /// Requests begun since the process started (every route, counted by `RequestMetricsMiddleware`).
    static let begun = Atomic<Int>(0)

    /// Busy: more than 1,000 requests a second.
    static let busyPerSecond = 1_000
    /// How long a wait is before the rate is looked at again, and the longest wait before a chunk.
    static let sample = Duration.milliseconds(50)
    static let longest = Duration.milliseconds(250)
    /// The count and the time when the rate was last looked at: the rate is measured over the
    /// time since, so an idle server costs the pass no wait at all.
    private static let lastLook = Mutex((count: 0, at: ContinuousClock.now))

    static func requestBegan() { begun.add(1, ordering: .relaxed) }

    /// Waits while more than 1,000 requests a second arrive, at most `longest`.
    static func giveWay() async {
        var waited = Duration.zero
        while isBusy(), waited < longest {
            do { try await Task.sleep(for: sample) } catch { return }
            waited += sample
        }
    }

    /// Whether requests arrived faster than `busyPerSecond` since the last look.
    private static func isBusy() -> Bool {
        let count = begun.load(ordering: .relaxed)
        let now = ContinuousClock.now
        let (previous, since) = lastLook.withLock { last in
            defer { last = (count, now) }
            return (last.count, last.at)
        }
        let seconds = (now - since).inSeconds
        return seconds > 0 && Double(count - previous) > Double(busyPerSecond) * seconds
    }
}
