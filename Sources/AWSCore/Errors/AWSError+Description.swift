import Foundation

extension AWSError: CustomStringConvertible {
    /// The failed call, the code, AWS's message and the status; then, for common codes, a
    /// `hint:` line with the likely fix.
    ///
    ///     ecs:ListTasks failed: ClusterNotFoundException: Cluster not found (HTTP 400, request id 4f…)
    ///     hint: there is no cluster 'prod' in us-east-1; check --cluster and --region
    public var description: String {
        guard let hint else { return summary }
        return "\(summary)\nhint: \(hint)"
    }

    /// The first line of ``description``: the call, the code, AWS's message and the status.
    public var summary: String {
        var text = "\(service):\(action) failed: "
        text += code == String(status) ? "HTTP \(status) without an error code" : code
        let message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if !message.isEmpty {
            text += ": " + (message.hasSuffix(".") ? String(message.dropLast()) : message)
        }
        var details = code == String(status) ? [] : ["HTTP \(status)"]
        if let requestID { details.append("request id \(requestID)") }
        if attempts > 1 { details.append("after \(attempts) attempts") }
        return details.isEmpty ? text : "\(text) (\(details.joined(separator: ", ")))"
    }

    /// The likely fix, for the codes users meet most; nil for others.
    public var hint: String? {
        let iamAction = "\(service):\(action)"
        let inRegion = region.map { " in \($0)" } ?? ""
        switch code {
        case "SignatureDoesNotMatch", "IncompleteSignature":
            return Self.secretHint
        case "InvalidSignatureException":
            if message.lowercased().contains("expired") || message.lowercased().contains("time") {
                return "the request was signed at a time AWS does not accept; check the system clock"
            }
            return Self.secretHint
        case "InvalidClientTokenId", "UnrecognizedClientException":
            return "AWS does not recognise the access key id, or the session token is wrong or missing; "
                + "check AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN / the profile's aws_access_key_id and "
                + "aws_session_token (temporary ASIA… keys need their session token)"
        case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation":
            return "the credentials are valid but may not call \(iamAction); allow the IAM action "
                + "\(iamAction) for this user or role"
        case "ExpiredTokenException", "ExpiredToken", "RequestExpired", "TokenRefreshRequired":
            return "the temporary credentials have expired; get new ones (aws sso login, assume the role "
                + "again, or refresh AWS_SESSION_TOKEN)"
        case "ClusterNotFoundException":
            let what = cluster.map { "there is no cluster '\($0)'\(inRegion)" } ?? "the cluster does not exist\(inRegion)"
            return "\(what); check --cluster and --region (aws ecs list-clusters shows the region's clusters)"
        case "TargetNotConnectedException":
            return "the container's SSM agent is not connected: check that the task role allows ssmmessages:CreateControlChannel, "
                + "CreateDataChannel, OpenControlChannel and OpenDataChannel, that the task can reach ssmmessages (a VPC endpoint "
                + "when other endpoints exist), and that AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set in the container"
        case "InvalidParameterException" where action == "ExecuteCommand" && message.lowercased().contains("execute command"):
            return "run the task or service with --enable-execute-command (running tasks must be replaced), and wait until "
                + "the container's ExecuteCommandAgent is RUNNING"
        case _ where RetryPolicy.throttlingCodes.contains(code) && code != "LimitExceededException":
            return "AWS is limiting the request rate\(attempts > 1 ? " and \(attempts) attempts were made" : ""); "
                + "try again later, or allow more retries with AWS_MAX_ATTEMPTS"
        default:
            return nil
        }
    }

    private static let secretHint =
        "the secret access key does not match the access key id; check AWS_SECRET_ACCESS_KEY / the profile's aws_secret_access_key"
}
