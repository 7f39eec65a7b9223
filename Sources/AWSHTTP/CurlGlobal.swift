import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libcurl set-up, done once before the first multi handle exists.
enum CurlGlobal {
    /// The result of `curl_global_init`. A static's initialiser runs exactly once, on first
    /// use, guarded by the runtime (`swift_once`): this is the once-token.
    private static let initialized: CURLcode = {
        // A peer that closes a socket libcurl or OpenSSL still writes to must give an error,
        // not kill the process. libcurl avoids SIGPIPE itself where the OS lets it; this is
        // the belt to those braces. It changes the whole process's disposition, as CLIs want.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Runs the one-time set-up if it has not run yet; stops the process if libcurl cannot start.
    static func initialize() {
        let code = initialized
        precondition(code == CURLE_OK, "curl_global_init failed: \(String(cString: curl_easy_strerror(code)))")
    }
}
