import AWSSigner
import Foundation
import Testing

/// An ECS JSON 1.1 call as our libcurl client sends it to a local endpoint (moto on 4566).
struct ECSRequestSigningTests {
    /// 2026-11-29 07:59:04 UTC.
    static let date = Date(timeIntervalSince1970: 1_795_939_144)
    static let token = "FQoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLESESSIONTOKEN="

    static func signer(token: String?) -> SigV4Signer {
        SigV4Signer(
            credentials: Credentials(
                accessKeyID: "AKIDEXAMPLE",
                secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: token
            ),
            region: "us-east-1",
            service: "ecs"
        )
    }

    static func listClusters(url: String = "http://127.0.0.1:4566/") throws -> SignableRequest {
        try SignableRequest(
            method: "POST",
            url: url,
            headers: [
                (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.ListClusters"),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
            ],
            body: Array("{}".utf8)
        )
    }

    // The two Authorization values were computed once, by hand, with botocore 1.43.11
    // (`SigV4Auth(creds, "ecs", "us-east-1").add_auth(request)`, whose HMAC and SHA-256 are
    // Python's hmac/hashlib, with `botocore.auth.get_current_datetime` patched to the date
    // above) for this same request: an implementation independent of ours.
    @Test(arguments: [
        (nil, "content-type;host;x-amz-date;x-amz-target",
         "6f1b0183683b3c917c214aaea6b6b8db2b840cfa5c586d1dc953dc5cb29aab4a"),
        (token, "content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
         "789a879742483521bf9bb081db7e4ffbc0669c004643cfc02202e003af3539f3"),
    ] as [(String?, String, String)])
    func listClustersMatchesBotocore(token: String?, signedHeaders: String, signature: String) throws {
        let signed = Self.signer(token: token).sign(try Self.listClusters(), at: Self.date)
        #expect(signed.headerValues("Authorization") == [
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/ecs/aws4_request, "
                + "SignedHeaders=\(signedHeaders), Signature=\(signature)",
        ])
        #expect(signed.headerValues("X-Amz-Date") == ["20261129T075904Z"])
        #expect(signed.headerValues("X-Amz-Security-Token") == (token.map { [$0] } ?? []))
        #expect(signed.headerValues("X-Amz-Content-SHA256") == [])
        #expect(signed.headerValues("Host") == [])  // signed, not added: libcurl sends it
        #expect(signed.url == "http://127.0.0.1:4566/")
    }

    @Test func canonicalRequestSignsHostWithPort() throws {
        let canonical = Self.signer(token: Self.token).canonicalRequest(try Self.listClusters(), at: Self.date)
        #expect(canonical == """
            POST
            /

            content-type:application/x-amz-json-1.1
            host:127.0.0.1:4566
            x-amz-date:20261129T075904Z
            x-amz-security-token:\(Self.token)
            x-amz-target:AmazonEC2ContainerServiceV20141113.ListClusters

            content-type;host;x-amz-date;x-amz-security-token;x-amz-target
            44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
            """)
    }

    /// Recomputes the signature from the stages with the primitives alone, following the AWS
    /// page step by step, and checks it is the one in the header.
    @Test(arguments: [nil, token])
    func signatureRecomputedFromStages(token: String?) throws {
        let signer = Self.signer(token: token)
        let request = try Self.listClusters()
        let canonical = signer.canonicalRequest(request, at: Self.date)
        let stringToSign = signer.stringToSign(canonicalRequest: canonical, at: Self.date)
        #expect(stringToSign == "AWS4-HMAC-SHA256\n20261129T075904Z\n20261129/us-east-1/ecs/aws4_request\n"
            + SHA256.hexDigest(canonical))

        var key = Array("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".utf8)
        for part in ["20261129", "us-east-1", "ecs", "aws4_request"] {
            key = HMAC.sha256(key: key, message: part)
        }
        #expect(signer.signingKey(date: Self.date) == key)
        let signature = Hex.encode(HMAC.sha256(key: key, message: stringToSign))
        #expect(signer.signature(stringToSign: stringToSign, at: Self.date) == signature)

        let authorization = try #require(signer.sign(request, at: Self.date).headerValues("Authorization").first)
        #expect(authorization.hasSuffix(", Signature=\(signature)"))
    }

    @Test(arguments: [
        ("https://ecs.us-east-1.amazonaws.com/", "ecs.us-east-1.amazonaws.com"),
        ("https://ecs.us-east-1.amazonaws.com:443/", "ecs.us-east-1.amazonaws.com"),
        ("http://localhost:80/", "localhost"),
        ("https://localhost:4566/", "localhost:4566"),
        ("http://[::1]:4566/", "[::1]:4566"),
    ])
    func hostIsSignedWithPortOnlyWhenNotDefault(url: String, host: String) throws {
        let canonical = Self.signer(token: nil).canonicalRequest(try Self.listClusters(url: url), at: Self.date)
        #expect(canonical.split(separator: "\n").contains("host:\(host)"))
    }

    @Test func contentSHA256HeaderIsOptIn() throws {
        var signer = Self.signer(token: nil)
        signer.addsContentSHA256Header = true
        let signed = signer.sign(try Self.listClusters(), at: Self.date)
        #expect(signed.headerValues("X-Amz-Content-SHA256") == [SHA256.hexDigest("{}")])
        let authorization = try #require(signed.headerValues("Authorization").first)
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,"))
    }

    @Test func signingAgainReplacesTheSigningHeaders() throws {
        let signer = Self.signer(token: Self.token)
        let once = signer.sign(try Self.listClusters(), at: Self.date)
        let twice = signer.sign(once, at: Self.date)
        #expect(twice.headerValues("Authorization") == once.headerValues("Authorization"))
        #expect(twice.headerValues("X-Amz-Date").count == 1)
        #expect(twice.headerValues("X-Amz-Security-Token").count == 1)
        #expect(twice.headers.count == once.headers.count)
    }
}
