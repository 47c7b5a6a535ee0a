import CCurl

/// `curl_global_init` is not thread-safe and must run once per process before any handle exists;
/// a static `let` gives exactly that (Swift runs its initialiser once, under a lock).
enum CurlGlobal {
    private static let initialised: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func ensureInitialised() -> Bool { initialised == CURLE_OK }
}
