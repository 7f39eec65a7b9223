import AWSHTTP
import Testing
@testable import AWSCore

/// Error answers decoded from JSON, from XML and from the status alone, and the hints their
/// descriptions give (aws-core.md §3.8, §4.5).
struct AWSErrorTests {
    static func response(_ status: Int, _ body: String, requestID: String? = "rid-1") -> HTTPResponse {
        HTTPResponse(status: status, headers: requestID.map { [("x-amzn-requestid", $0)] } ?? [], body: Array(body.utf8))
    }

    @Test(arguments: [
        ("ThrottlingException", "ThrottlingException"),
        ("com.amazonaws.ecs#ClusterNotFoundException", "ClusterNotFoundException"),
        ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ("ValidationException:http://x", "ValidationException"),
    ])
    func codesLoseTheirNamespace(raw: String, code: String) {
        #expect(AWSError.normalizedCode(raw) == code)
    }

    @Test func decodesTheJSONForm() {
        let error = AWSError(action: "ListTasks", response: Self.response(400,
            #"{"__type": "ClusterNotFoundException", "message": "Cluster not found.", "Message": "other"}"#),
            region: "eu-west-1", cluster: "prod")
        #expect(error == AWSError(action: "ListTasks", code: "ClusterNotFoundException", message: "Cluster not found.", status: 400,
                                  requestID: "rid-1", region: "eu-west-1", cluster: "prod"))
        let capital = AWSError(action: "ListTasks", response: Self.response(400, #"{"__type": "a#AccessDeniedException", "Message": "No."}"#))
        #expect(capital.code == "AccessDeniedException" && capital.message == "No.")
    }

    @Test func decodesMotosXMLForm() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature &amp; the key &lt;differ&gt;&#46;</Message><Type>Sender</Type></Error></Errors><RequestId>xml-rid</RequestId></ErrorResponse>
            """
        let withHeader = AWSError(action: "ListClusters", response: Self.response(403, body))
        #expect(withHeader.code == "SignatureDoesNotMatch")
        #expect(withHeader.message == "The request signature & the key <differ>.")
        #expect(withHeader.status == 403 && withHeader.requestID == "rid-1")
        #expect(AWSError(action: "ListClusters", response: Self.response(403, body, requestID: nil)).requestID == "xml-rid")
    }

    @Test func fallsBackToTheStatus() {
        let html = AWSError(action: "ListTasks", response: Self.response(502, "<html><body>Bad Gateway</body></html>", requestID: nil))
        #expect(html == AWSError(action: "ListTasks", code: "502", status: 502))
        #expect(html.description == "ecs:ListTasks failed: HTTP 502 without an error code")
        let empty = AWSError(action: "ListTasks", response: Self.response(500, ""))
        #expect(empty.code == "500" && empty.message == "" && empty.requestID == "rid-1")
        let messageOnly = AWSError(action: "ListTasks", response: Self.response(403, #"{"message": "Missing Authentication Token"}"#))
        #expect(messageOnly.code == "403" && messageOnly.message == "Missing Authentication Token")
    }

    @Test func summaryNamesTheCallCodeStatusAndAttempts() {
        let error = AWSError(action: "DescribeTasks", code: "InvalidParameterException", message: "Tasks cannot be empty.",
                             status: 400, requestID: "r", attempts: 1)
        #expect(error.description == "ecs:DescribeTasks failed: InvalidParameterException: Tasks cannot be empty (HTTP 400, request id r)")
        #expect(error.hint == nil)
        let retried = AWSError(action: "ListTasks", code: "ThrottlingException", message: "Rate exceeded", status: 400, attempts: 3)
        #expect(retried.summary == "ecs:ListTasks failed: ThrottlingException: Rate exceeded (HTTP 400, after 3 attempts)")
    }

    @Test(arguments: [
        ("SignatureDoesNotMatch", "check AWS_SECRET_ACCESS_KEY / the profile's aws_secret_access_key"),
        ("InvalidSignatureException", "aws_secret_access_key"),
        ("InvalidClientTokenId", "check AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN"),
        ("UnrecognizedClientException", "or the session token is wrong or missing"),
        ("AccessDeniedException", "allow the IAM action ecs:ListTasks"),
        ("AccessDenied", "may not call ecs:ListTasks"),
        ("ExpiredTokenException", "have expired"),
        ("ClusterNotFoundException", "there is no cluster 'prod' in eu-west-1; check --cluster and --region"),
        ("ThrottlingException", "AWS is limiting the request rate"),
    ])
    func hintsNameTheFix(code: String, hint: String) {
        let error = AWSError(action: "ListTasks", code: code, message: "Some message.", status: 400, region: "eu-west-1", cluster: "prod")
        #expect(error.hint?.contains(hint) == true, "\(error.hint ?? "no hint")")
        #expect(error.description.hasSuffix("\nhint: \(error.hint ?? "")"))
        #expect(error.description.hasPrefix("ecs:ListTasks failed: \(code): Some message (HTTP 400)"))
    }

    @Test func aClusterNotFoundWithoutAClusterStillHints() {
        let error = AWSError(action: "ListServices", code: "ClusterNotFoundException", status: 400, region: "us-east-1")
        #expect(error.hint == "the cluster does not exist in us-east-1; check --cluster and --region (aws ecs list-clusters shows the region's clusters)")
    }

    @Test func echoedSecretsAreRedacted() {
        let error = AWSError(action: "ListTasks", code: "AccessDenied", message: "key AKIAEXAMPLE with secret s3cr3t/Key and token FwoGZX", status: 403)
            .redacting(["AKIAEXAMPLE", "s3cr3t/Key", "FwoGZX", "x"])
        #expect(error.message == "key <redacted> with secret <redacted> and token <redacted>")
        #expect(!error.description.contains("s3cr3t"))
    }
}
