import CPTY
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `/bin/sh -c COMMAND` under a new pseudo-terminal, as the agent's InteractiveCommands plugin
/// runs ECS exec commands.
///
/// The child is spawned with `posix_spawn` (no fork of this multi-threaded process): it calls
/// `setsid()` (POSIX_SPAWN_SETSID), then opens the pty's slave by path as fd 0, which makes it
/// the controlling terminal of the new session, duplicates it to 1 and 2, closes every other
/// descriptor, changes to the working directory, and gets default signal dispositions, an
/// empty signal mask and only the given environment. This process never holds the slave, so
/// reading the master reports EOF (EIO) once the last holder exits.
struct PTYProcess: Sendable {
    let pid: pid_t
    /// The master side, non-blocking once a pipe channel owns it.
    let masterDescriptor: CInt

    /// Spawns `command`; the caller owns `masterDescriptor` from then on.
    static func spawn(command: String, workingDirectory: String, environment: [String: String],
                      columns: UInt16 = 80, rows: UInt16 = 24) throws(SimSessionError) -> PTYProcess {
        do {
            try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        } catch {
            throw .workingDirectory(workingDirectory)
        }
        let master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw .ptyUnavailable(errno) }
        var slavePath = [CChar](repeating: 0, count: 128)
        guard grantpt(master) == 0, unlockpt(master) == 0, ptsname_r(master, &slavePath, slavePath.count) == 0 else {
            let code = errno
            close(master)
            throw .ptyUnavailable(code)
        }
        _ = cpty_set_window_size(master, rows, columns)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes,
                                 CPTY_POSIX_SPAWN_SETSID | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        posix_spawn_file_actions_addchdir_np(&actions, workingDirectory)

        var variables = environment
        if variables["TERM"] == nil { variables["TERM"] = "xterm-256color" }
        let argumentList: [String] = ["/bin/sh", "-c", command]
        let environmentList: [String] = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let arguments: [UnsafeMutablePointer<CChar>?] = argumentList.map { strdup($0) } + [nil]
        let environmentStrings: [UnsafeMutablePointer<CChar>?] = environmentList.map { strdup($0) } + [nil]
        defer {
            arguments.forEach { free($0) }
            environmentStrings.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environmentStrings)
        guard status == 0 else {
            close(master)
            throw .spawnFailed(status)
        }
        return PTYProcess(pid: pid, masterDescriptor: master)
    }

    /// Sends `signal` to the child's whole process group (it leads its own session).
    func signalGroup(_ signal: CInt) {
        kill(-pid, signal)
    }

    /// Reaps the child if it has exited: its wait status, or nil while it runs.
    func reap() -> CInt? {
        var status: CInt = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return status }
        // ECHILD: reaped already (or never ours); treat as gone.
        if result < 0 && errno == ECHILD { return 0 }
        return nil
    }

    /// Sets the terminal size (TIOCSWINSZ on the master).
    static func setWindowSize(descriptor: CInt, columns: UInt32, rows: UInt32) {
        _ = cpty_set_window_size(descriptor, UInt16(clamping: rows), UInt16(clamping: columns))
    }
}
