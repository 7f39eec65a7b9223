import Foundation

/// An AWS access key pair, with the session token of temporary credentials.
///
/// Printing never shows the secret or the token: `description`, `debugDescription` and the
/// reflection used by `dump` all show the key id and `<redacted>` in their place.
public struct Credentials: Sendable, Equatable {
    /// The access key id, `AKIA…` for long-term keys and `ASIA…` for temporary ones.
    public var accessKeyID: String
    /// The secret access key; it signs requests and is never sent or printed.
    public var secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether `other` is the same key with the same session token, whatever the expiration
    /// each says: a refreshed provider that gives this back has nothing new.
    public func isSameKey(as other: Credentials) -> Bool {
        accessKeyID == other.accessKeyID && sessionToken == other.sessionToken
    }

    /// Whether these credentials have expired at `date`; long-term keys never do.
    public func isExpired(at date: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration <= date
    }
}

extension Credentials: CustomStringConvertible {
    public var description: String {
        var parts = ["accessKeyID: \(accessKeyID)", "secret: <redacted>"]
        if sessionToken != nil {
            parts.append("sessionToken: <redacted>")
        }
        if let expiration {
            parts.append("expiration: \(expiration.formatted(.iso8601))")
        }
        return "Credentials(\(parts.joined(separator: ", ")))"
    }
}

extension Credentials: CustomDebugStringConvertible {
    public var debugDescription: String { description }
}

extension Credentials: CustomReflectable {
    /// What `dump` and debuggers see: the stored properties with the secrets replaced.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyID": accessKeyID,
            "secretAccessKey": "<redacted>",
            "sessionToken": sessionToken == nil ? "nil" : "<redacted>",
            "expiration": expiration.map { $0.formatted(.iso8601) } ?? "nil",
        ], displayStyle: .struct)
    }
}
