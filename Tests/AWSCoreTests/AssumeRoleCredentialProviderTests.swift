import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import AWSCore

/// STS AssumeRole as botocore sends it, against Fixtures/sts_server.py (aws-core.md §2.4).
struct AssumeRoleCredentialProviderTests {
    static let role = "arn:aws:iam::123456789012:role/ecsreader"
    static let base = Credentials(accessKeyID: "AKIDBASE", secretAccessKey: "SECRETBASE")

    static func provider(_ sts: FakeSTS, role: String = role, externalID: String? = nil) -> AssumeRoleCredentialProvider {
        AssumeRoleCredentialProvider(roleARN: role, sessionName: "s2", externalID: externalID, durationSeconds: 900, region: "eu-west-1",
                                     endpoint: sts.endpoint, source: ProfileCredentialProvider(profileName: "base", settings: [
                                         "aws_access_key_id": "AKIDBASE", "aws_secret_access_key": "SECRETBASE",
                                     ]), transport: sts.client)
    }

    @Test func formBodyIsEncodedAsBotocoreEncodesIt() {
        var provider = AssumeRoleCredentialProvider(roleARN: Self.role, sessionName: "s2", durationSeconds: 900, region: "us-east-1",
                                                    source: CredentialProviderChain([]), transport: CurlClient())
        #expect(provider.formBody == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fecsreader"
            + "&RoleSessionName=s2&DurationSeconds=900")
        provider.externalID = "a b+c"
        #expect(provider.formBody.hasSuffix("&DurationSeconds=900&ExternalId=a%20b%2Bc"))
        #expect(provider.endpoint == "https://sts.us-east-1.amazonaws.com")
    }

    @Test func temporaryCredentialsWithMicrosecondExpiration() async throws {
        let sts = try await FakeSTS.start(expiration: "2030-01-01T00:00:00.675769Z")
        defer { sts.stop() }
        let credentials = try #require(try await Self.provider(sts, externalID: "ext-1").credentials())
        #expect(credentials.accessKeyID == "ASIAECSREADER")
        #expect(credentials.secretAccessKey == "secret-ecsreader")
        #expect(credentials.sessionToken == "token-ecsreader-1")
        #expect(abs(try #require(credentials.expiration).timeIntervalSince1970 - 1_893_456_000.675769) < 0.001)
        #expect(try await sts.calls() == [FakeSTS.Call(role: Self.role, session: "s2", duration: "900", externalID: "ext-1",
                                                      keyID: "AKIDBASE", region: "eu-west-1", token: nil, status: 200)])
    }

    @Test func anXMLErrorNamesTheRoleAndNoSecret() async throws {
        let sts = try await FakeSTS.start(deny: [Self.role])
        defer { sts.stop() }
        let expected = CredentialsError.assumeRoleFailed(
            roleARN: Self.role, code: "AccessDenied",
            message: "User: AKIDBASE is not authorized to perform: sts:AssumeRole on resource: \(Self.role)")
        await #expect(throws: expected) { _ = try await Self.provider(sts).credentials() }
        #expect(expected.description.hasPrefix("sts:AssumeRole on \(Self.role) failed: AccessDenied: "))
        #expect(!expected.description.contains("SECRETBASE"))
    }

    @Test func answersThatAreNotCredentials() throws {
        let provider = AssumeRoleCredentialProvider(roleARN: Self.role, sessionName: "s", region: "us-east-1", endpoint: "http://127.0.0.1:1",
                                                    source: CredentialProviderChain([]), transport: CurlClient())
        #expect(throws: CredentialsError.assumeRoleFailed(roleARN: Self.role, code: nil, message: "HTTP 503 from http://127.0.0.1:1")) {
            try provider.interpret(HTTPResponse(status: 503, body: Array("<html>busy</html".utf8)))
        }
        #expect(throws: CredentialsError.assumeRoleFailed(roleARN: Self.role, code: nil, message: "the answer from http://127.0.0.1:1 has no credentials")) {
            try provider.interpret(HTTPResponse(status: 200, body: Array("<AssumeRoleResponse/>".utf8)))
        }
        let badTime = "<R><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>soon</Expiration></Credentials></R>"
        #expect(throws: CredentialsError.badExpiration(source: "sts:AssumeRole on \(Self.role)", value: "soon")) {
            try provider.interpret(HTTPResponse(status: 200, body: Array(badTime.utf8)))
        }
    }

    @Test func endpointOverrides() {
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://generic", "AWS_ENDPOINT_URL_STS": "http://sts"], homeDirectory: "/x")
        #expect(AssumeRoleCredentialProvider.endpointOverride(explicit: "http://flag", environment: environment) == "http://flag")
        #expect(AssumeRoleCredentialProvider.endpointOverride(explicit: nil, environment: environment) == "http://sts")
        var generic = environment
        generic.variables["AWS_ENDPOINT_URL_STS"] = nil
        #expect(AssumeRoleCredentialProvider.endpointOverride(explicit: nil, environment: generic) == "http://generic")
        generic.variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(AssumeRoleCredentialProvider.endpointOverride(explicit: nil, environment: generic) == nil)
        #expect(AssumeRoleCredentialProvider.regionalEndpoint("cn-north-1") == "https://sts.cn-north-1.amazonaws.com.cn")
    }

    @Test func queryXMLReadsPathsEntitiesAndCDATA() throws {
        let xml = try #require(QueryXML(Array("""
            <?xml version="1.0"?><!-- note -->
            <a:ErrorResponse xmlns:a="urn:x" note='1 > 0'><a:Error>
              <Code>Throttling</Code><Message>&lt;slow&gt; &amp; &#x41;&#66; <![CDATA[<raw>]]></Message><Empty/>
            </a:Error></a:ErrorResponse>
            """.utf8)))
        #expect(xml.text("Error/Code") == "Throttling")
        #expect(xml.text("ErrorResponse/Error/Message") == "<slow> & AB <raw>")
        #expect(xml.text("Credentials/Code") == nil)
        #expect(QueryXML(Array("<a><b></a></b>".utf8)) == nil)
        #expect(QueryXML(Array("<a><b>".utf8)) == nil)
        #expect(QueryXML(Array("not xml".utf8)) == nil)
    }
}
