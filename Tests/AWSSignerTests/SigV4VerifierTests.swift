import AWSSigner
import Foundation
import Testing

/// The verifier accepts what our signer and AWS's suite sign, and refuses each kind of
/// tampering with AWS's code and wording.
struct SigV4VerifierTests {
    static let date = Date(timeIntervalSince1970: 1_795_939_144)  // 2026-11-29 07:59:04 UTC
    static let key = Credentials(accessKeyID: "AKIAECSSIMTEST000001", secretAccessKey: "sim/Secret+Key0000000000000000000000000")
    static let temporary = Credentials(accessKeyID: "ASIAECSSIMTEST000002", secretAccessKey: "another/secret00000000000000000000000000",
                                       sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN==")
    static let verifier = SigV4Verifier(credentials: [key, temporary], region: "us-east-1", service: "ecs")

    /// ListClusters signed by `credentials` at `date`, with the `Host` header curl would send.
    static func signed(
        by credentials: Credentials = key, region: String = "us-east-1", service: String = "ecs",
        at date: Date = date, body: String = "{}"
    ) throws -> SignableRequest {
        let request = try SignableRequest(method: "POST", url: "http://127.0.0.1:4566/", headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.ListClusters"),
        ], body: Array(body.utf8))
        var signed = SigV4Signer(credentials: credentials, region: region, service: service).sign(request, at: date)
        signed.setHeader("Host", signed.authority)
        return signed
    }

    @Test func acceptsWhatOurSignerSigns() throws {
        #expect(try Self.verifier.verify(Self.signed(), at: Self.date) == Self.key)
        #expect(try Self.verifier.verify(Self.signed(by: Self.temporary), at: Self.date) == Self.temporary)
    }

    @Test func acceptsWithinFifteenMinutesEitherWay() throws {
        let request = try Self.signed()
        try Self.verifier.verify(request, at: Self.date.addingTimeInterval(15 * 60))
        try Self.verifier.verify(request, at: Self.date.addingTimeInterval(-15 * 60))
    }

    @Test func unsignedHeadersMayChange() throws {
        var request = try Self.signed()
        request.headers.append((name: "User-Agent", value: "curl/8"))
        request.headers.append((name: "X-Amzn-Trace-Id", value: "Root=1"))
        try Self.verifier.verify(request, at: Self.date)
    }

    @Test func missingAuthorization() throws {
        var request = try Self.signed()
        request.headers.removeAll { $0.name == "Authorization" }
        let error = #expect(throws: SigV4VerificationError.missingAuthentication) { try Self.verifier.verify(request, at: Self.date) }
        #expect(error?.code == "MissingAuthenticationTokenException")
        #expect(error?.message == "Missing Authentication Token")
        #expect(error?.status == 400)
    }

    @Test func unknownKey() throws {
        let stranger = Credentials(accessKeyID: "AKIASTRANGER00000000", secretAccessKey: Self.key.secretAccessKey)
        let error = #expect(throws: SigV4VerificationError.unrecognizedClient) {
            try Self.verifier.verify(Self.signed(by: stranger), at: Self.date)
        }
        #expect(error?.code == "UnrecognizedClientException")
        #expect(error?.message == "The security token included in the request is invalid.")
    }

    @Test func sessionTokenMustMatch() throws {
        var wrongToken = Self.temporary
        wrongToken.sessionToken = "other"
        #expect(throws: SigV4VerificationError.unrecognizedClient) { try Self.verifier.verify(Self.signed(by: wrongToken), at: Self.date) }
        var noToken = Self.temporary
        noToken.sessionToken = nil
        #expect(throws: SigV4VerificationError.unrecognizedClient) { try Self.verifier.verify(Self.signed(by: noToken), at: Self.date) }
        var tokenOnLongTermKey = Self.key
        tokenOnLongTermKey.sessionToken = "bogus"
        #expect(throws: SigV4VerificationError.unrecognizedClient) {
            try Self.verifier.verify(Self.signed(by: tokenOnLongTermKey), at: Self.date)
        }
    }

    @Test func looksUpKeysIssuedLaterAndRefusesThemOnceExpired() throws {
        var issued = Self.temporary
        issued.accessKeyID = "ASIAECSSIMISSUED0003"
        issued.expiration = Self.date.addingTimeInterval(60)
        var verifier = Self.verifier
        verifier.lookup = { [issued] id in id == issued.accessKeyID ? issued : nil }
        let request = try Self.signed(by: issued)
        #expect(try verifier.verify(request, at: Self.date) == issued)
        let error = #expect(throws: SigV4VerificationError.expiredToken) {
            try verifier.verify(request, at: Self.date.addingTimeInterval(60))
        }
        #expect(error?.code == "ExpiredTokenException")
        #expect(error?.message == "The security token included in the request is expired")
        // An expired key with a wrong signature is refused for the signature, telling a
        // stranger nothing about the key.
        var impostor = issued
        impostor.secretAccessKey = "wrong"
        #expect(throws: SigV4VerificationError.signatureMismatch) {
            try verifier.verify(Self.signed(by: impostor), at: Self.date.addingTimeInterval(60))
        }
    }

    @Test func wrongSecret() throws {
        var impostor = Self.key
        impostor.secretAccessKey = "wrong"
        let error = #expect(throws: SigV4VerificationError.signatureMismatch) {
            try Self.verifier.verify(Self.signed(by: impostor), at: Self.date)
        }
        #expect(error?.code == "InvalidSignatureException")
        #expect(error?.message == "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
    }

    @Test func tamperedBody() throws {
        var request = try Self.signed()
        request.body = Array(#"{"maxResults":1}"#.utf8)
        #expect(throws: SigV4VerificationError.signatureMismatch) { try Self.verifier.verify(request, at: Self.date) }
    }

    @Test func tamperedSignedHeader() throws {
        var request = try Self.signed()
        request.setHeader("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks")
        #expect(throws: SigV4VerificationError.signatureMismatch) { try Self.verifier.verify(request, at: Self.date) }
        var removed = try Self.signed()
        removed.headers.removeAll { $0.name == "X-Amz-Target" }
        #expect(throws: SigV4VerificationError.signatureMismatch) { try Self.verifier.verify(removed, at: Self.date) }
        var rehosted = try Self.signed()
        rehosted.setHeader("Host", "127.0.0.1:4567")
        #expect(throws: SigV4VerificationError.signatureMismatch) { try Self.verifier.verify(rehosted, at: Self.date) }
    }

    @Test func tamperedDateInsideTheWindow() throws {
        var request = try Self.signed()
        request.setHeader("X-Amz-Date", AMZDate(Self.date.addingTimeInterval(60)).timestamp)
        #expect(throws: SigV4VerificationError.signatureMismatch) { try Self.verifier.verify(request, at: Self.date) }
    }

    @Test func expiredAndNotYetCurrent() throws {
        let request = try Self.signed()
        #expect(throws: SigV4VerificationError.signatureExpired(
            "Signature expired: 20261129T075904Z is now earlier than 20261129T075905Z (20261129T081405Z - 15 min.)"
        )) { try Self.verifier.verify(request, at: Self.date.addingTimeInterval(15 * 60 + 1)) }
        let error = #expect(throws: SigV4VerificationError.self) { try Self.verifier.verify(request, at: Self.date.addingTimeInterval(3600)) }
        #expect(error?.code == "InvalidSignatureException")
        #expect(error?.status == 400)
        #expect(throws: SigV4VerificationError.signatureExpired(
            "Signature not yet current: 20261129T075904Z is still later than 20261129T075804Z (20261129T074304Z + 15 min.)"
        )) { try Self.verifier.verify(request, at: Self.date.addingTimeInterval(-16 * 60)) }
    }

    @Test func scopeMustNameThisRegionAndService() throws {
        #expect(throws: SigV4VerificationError.invalidScope("Credential should be scoped to a valid region, not 'eu-west-1'. ")) {
            try Self.verifier.verify(Self.signed(region: "eu-west-1"), at: Self.date)
        }
        #expect(throws: SigV4VerificationError.invalidScope("Credential should be scoped to correct service: 'ecs'. ")) {
            try Self.verifier.verify(Self.signed(service: "sts"), at: Self.date)
        }
    }

    /// Without a region of its own the verifier accepts any region's scope, tells which, and
    /// still checks the service and the signature (which covers the region).
    @Test func anyRegionWhenNoneIsSet() throws {
        let anywhere = SigV4Verifier(credentials: [Self.key], region: nil, service: "ecs")
        for region in ["us-east-1", "eu-west-1", "ap-southeast-2"] {
            #expect(try anywhere.check(Self.signed(region: region), at: Self.date) == .init(credentials: Self.key, region: region))
        }
        #expect(throws: SigV4VerificationError.invalidScope("Credential should be scoped to correct service: 'ecs'. ")) {
            try anywhere.verify(Self.signed(region: "eu-west-1", service: "sts"), at: Self.date)
        }
        var moved = try Self.signed(region: "eu-west-1")
        let header = try #require(moved.headerValues("Authorization").first)
        moved.setHeader("Authorization", header.replacingOccurrences(of: "/eu-west-1/", with: "/us-east-1/"))
        #expect(throws: SigV4VerificationError.signatureMismatch) { try anywhere.verify(moved, at: Self.date) }
    }

    @Test func malformedAuthorization() throws {
        var request = try Self.signed()
        request.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAECSSIMTEST000001/20261129/us-east-1/ecs/aws4_request")
        #expect(throws: SigV4VerificationError.incompleteSignature(
            "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter."
        )) { try Self.verifier.verify(request, at: Self.date) }
        request.setHeader("Authorization", "Basic dXNlcjpwYXNz")
        let error = #expect(throws: SigV4VerificationError.self) { try Self.verifier.verify(request, at: Self.date) }
        #expect(error?.code == "IncompleteSignatureException")
    }

    @Test func hostMustBeSigned() throws {
        var request = try Self.signed()
        let authorization = request.headerValues("Authorization")[0].replacingOccurrences(of: "host;", with: "")
        request.setHeader("Authorization", authorization)
        #expect(throws: SigV4VerificationError.incompleteSignature(
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
        )) { try Self.verifier.verify(request, at: Self.date) }
    }

    /// The signed WebSocket upgrade of the data channel: GET with a query, empty body, signed
    /// for `ssmmessages` (ssm-data-channel.md §1).
    @Test func acceptsASignedUpgradeRequest() throws {
        let url = "ws://127.0.0.1:5000/v1/data-channel/ecs-execute-command-abc?role=publish_subscribe&cell-number=AAEAAQ"
        var request = SigV4Signer(credentials: Self.key, region: "us-east-1", service: "ssmmessages")
            .sign(try SignableRequest(method: "GET", url: url), at: Self.date)
        request.setHeader("Host", request.authority)
        request.headers += [(name: "Upgrade", value: "websocket"), (name: "Sec-WebSocket-Key", value: "x3JJHMbDL1EzLkh9GBhXDw==")]
        let upgrades = SigV4Verifier(credentials: [Self.key], region: "us-east-1", service: "ssmmessages")
        try upgrades.verify(request, at: Self.date)
        var otherSession = request
        otherSession.path = "/v1/data-channel/ecs-execute-command-xyz"
        #expect(throws: SigV4VerificationError.signatureMismatch) { try upgrades.verify(otherSession, at: Self.date) }
    }

    /// Every request of AWS's suite with the suite's own `Authorization` value is accepted: a
    /// signature computed by AWS, not by our signer.
    @Test(arguments: SigV4Suite.cases)
    func acceptsTheSuitesOwnSignatures(_ testCase: SigV4Suite.Case) throws {
        let suite = try SigV4Suite.loaded.get()
        var request = try RawHTTPRequest.parse(testCase.request)
        request.setHeader("Authorization", testCase.authorization)
        if let token = testCase.sessionToken, request.headerValues("X-Amz-Security-Token").isEmpty {
            request.headers.append((name: "X-Amz-Security-Token", value: token))
        }
        let verifier = SigV4Verifier(
            credentials: [Credentials(accessKeyID: suite.credentials.accessKeyID, secretAccessKey: suite.credentials.secretAccessKey,
                                      sessionToken: testCase.sessionToken)],
            region: suite.region, service: suite.service)
        try verifier.verify(request, at: SigV4Suite.date)
    }

    @Test func parsesAMZDates() {
        #expect(AMZDate.date(fromTimestamp: "20150830T123600Z") == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AMZDate.date(fromTimestamp: "20240229T000000Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(AMZDate.date(fromTimestamp: AMZDate(Self.date).timestamp) == Self.date)
        for bad in ["20150830T123600", "2015-08-30T12:36:00Z", "20230229T000000Z", "20151330T000000Z", "20150830T246000Z", ""] {
            #expect(AMZDate.date(fromTimestamp: bad) == nil, "\(bad)")
        }
    }
}
