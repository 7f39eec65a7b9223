import AWSSigner
import Foundation

/// Opaque `nextToken`s: where the next page starts, bound to the action and the exact
/// parameters of the listing, and signed with a key of this process.
///
/// A token is base64 of a version byte, the offset of the next item (8 bytes), and the first
/// 24 bytes of HMAC-SHA256(key, version ‖ offset ‖ action ‖ scope). A changed byte, a token
/// of another listing (another cluster, other filters, another action) or of another run of
/// the simulator fails the check.
struct PageTokens: Sendable {
    private static let version: UInt8 = 1
    private static let macLength = 24
    private let key: [UInt8]

    /// Tokens signed with `key`; a random one unless a test pins it.
    init(key: [UInt8] = (0..<32).map { _ in UInt8.random(in: .min ... .max) }) {
        self.key = key
    }

    /// The token that resumes `action` with parameters `scope` at item `offset`.
    func token(action: String, scope: String, offset: Int) -> String {
        let payload = [Self.version] + Self.bytes(of: UInt64(offset))
        return Data(payload + mac(payload, action: action, scope: scope)).base64EncodedString()
    }

    /// The offset `token` resumes at; throws InvalidParameterException if it was not made by
    /// ``token(action:scope:offset:)`` for this action and scope, or points past `count`.
    func offset(of token: String, action: String, scope: String, count: Int) throws(APIError) -> Int {
        guard let data = Data(base64Encoded: token), data.count == 9 + Self.macLength else { throw Self.invalid }
        let bytes = Array(data)
        let payload = Array(bytes[0..<9])
        guard payload[0] == Self.version, Self.constantTimeEqual(Array(bytes[9...]), mac(payload, action: action, scope: scope)) else {
            throw Self.invalid
        }
        let offset = payload[1...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard offset <= UInt64(count) else { throw Self.invalid }
        return Int(offset)
    }

    private static let invalid = APIError.invalidParameter("Invalid nextToken: it does not belong to this listing.")

    private func mac(_ payload: [UInt8], action: String, scope: String) -> [UInt8] {
        Array(HMAC.sha256(key: key, message: payload + Array("\(action)\n\(scope)".utf8)).prefix(Self.macLength))
    }

    private static func bytes(of value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// Whether the arrays are equal, taking the same time wherever they differ.
    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.count == right.count && zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
