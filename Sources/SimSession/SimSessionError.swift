/// Why a simulated session could not start, or why the local KMS refused a request.
public enum SimSessionError: Error, Hashable, Sendable {
    /// No pseudo-terminal could be opened (errno).
    case ptyUnavailable(Int32)
    /// The working directory could not be created.
    case workingDirectory(String)
    /// posix_spawn of /bin/sh failed (errno).
    case spawnFailed(Int32)
    /// GenerateDataKey or Decrypt named a key the local KMS does not have.
    case kmsKeyNotFound(String)
    /// A CiphertextBlob is not one of ours, or its key or encryption context differ.
    case kmsInvalidCiphertext
    /// A KMS request is malformed.
    case kmsValidation(String)
}

extension SimSessionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .ptyUnavailable(let code): "cannot open a pseudo-terminal (errno \(code))"
        case .workingDirectory(let path): "cannot create working directory \(path)"
        case .spawnFailed(let code): "cannot start /bin/sh (errno \(code))"
        case .kmsKeyNotFound(let key): "Key '\(key)' does not exist"
        case .kmsInvalidCiphertext: "the ciphertext is invalid or its encryption context does not match"
        case .kmsValidation(let detail): detail
        }
    }
}
