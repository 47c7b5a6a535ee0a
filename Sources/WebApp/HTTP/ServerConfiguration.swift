/// What `tiengnoi serve` is told on its command line.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system pick a free port; the chosen one is printed.
    public var port: Int
    public var dataDirectory: String
    public var formsDirectory: String
    /// Mark the session cookie Secure: the server is reached over TLS.
    public var secureCookies = false
    /// Delete children's own words after this many days (nil: keep them).
    public var retentionDays: Int?
    /// How often new entries are classified and grouped in the background.
    public var analysisInterval: Duration = .seconds(10)
    /// Screen each entry for disclosures of current harm at intake (off only in tests of other things).
    public var safeguardingScreen = true
    /// The submission API takes entries only with a token or the school's form key (see
    /// `SubmissionGate`). On unless `serve --open-submissions` says the network is closed.
    public var requireSubmissionKey = true

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "data",
        formsDirectory: String = "forms"
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.formsDirectory = formsDirectory
    }

    /// For commands that take no submissions (reports, answers, pushes): the safeguarding
    /// detector, which only intake uses, is not loaded (about 0.3 s per command).
    public static func withoutIntake(dataDirectory: String, formsDirectory: String) -> ServerConfiguration {
        var configuration = ServerConfiguration(dataDirectory: dataDirectory, formsDirectory: formsDirectory)
        configuration.safeguardingScreen = false
        return configuration
    }
}
