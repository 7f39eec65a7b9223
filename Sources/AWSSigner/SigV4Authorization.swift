/// The parts of a SigV4 `Authorization` header:
/// `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`.
struct SigV4Authorization: Sendable, Hashable {
    var accessKeyID: String
    /// The credential scope's four parts.
    var day: String
    var region: String
    var service: String
    var terminator: String
    /// The lower-case names, in the order given.
    var signedHeaders: [String]
    /// Lower-case hex.
    var signature: String

    /// Splits `header`; throws `incompleteSignature` naming what is missing or malformed.
    init(parsing header: String) throws(SigV4VerificationError) {
        let trimmed = header.trimmingSpaces
        let algorithmEnd = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
        let algorithm = trimmed[..<algorithmEnd]
        guard algorithm == SigV4Signer.algorithm else {
            throw .incompleteSignature("Unsupported authorization algorithm '\(algorithm)'; only \(SigV4Signer.algorithm) is accepted.")
        }
        var parameters: [String: String] = [:]
        for part in trimmed[algorithmEnd...].split(separator: ",") {
            let item = part.trimmingSpaces
            guard let equals = item.firstIndex(of: "=") else { continue }
            parameters[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        let missing = ["Credential", "SignedHeaders", "Signature"].filter { parameters[$0, default: ""].isEmpty }
        guard missing.isEmpty else {
            throw .incompleteSignature(missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " "))
        }
        let scope = parameters["Credential"]!.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, !scope[0].isEmpty else {
            throw .incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                + "got '\(scope.dropFirst().joined(separator: "/"))'")
        }
        accessKeyID = scope[0]
        day = scope[1]
        region = scope[2]
        service = scope[3]
        terminator = scope[4]
        signedHeaders = parameters["SignedHeaders"]!.split(separator: ";").map { $0.lowercased() }
        signature = parameters["Signature"]!.lowercased()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let text = self[...]
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return Substring() }
        let last = text.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return Substring(text[first...last])
    }
}
