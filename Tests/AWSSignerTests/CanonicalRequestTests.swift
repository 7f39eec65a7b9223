import AWSSigner
import Foundation
import Testing

/// Parts of stage 1 beyond what the suite covers, read back from the canonical request.
struct CanonicalRequestTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    static func canonicalLines(service: String = "service", path: String = "/",
                               query: [(name: String, value: String)] = [],
                               headers: [(name: String, value: String)] = []) -> [Substring] {
        let signer = SigV4Signer(
            credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret"),
            region: "us-east-1",
            service: service
        )
        let request = SignableRequest(method: "GET", host: "example.amazonaws.com", path: path,
                                      queryItems: query, headers: headers)
        return signer.canonicalRequest(request, at: date).split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test(arguments: [
        ("/", "/"), ("", "/"), ("//", "/"), ("/./", "/"), ("/a/..", "/"), ("/a/b/../..", "/"),
        ("/../a", "/a"), ("//a//b//", "/a/b/"), ("/a/./b/.", "/a/b"),
        ("/a%20b/", "/a%2520b/"),  // already encoded on the wire, so encoded again
        ("/a b/$c", "/a%20b/%24c"),
    ])
    func pathIsNormalizedAndEncodedAgain(path: String, expected: String) {
        #expect(Self.canonicalLines(path: path)[1] == Substring(expected))
    }

    @Test func s3PathIsNeitherNormalizedNorEncodedTwice() {
        #expect(Self.canonicalLines(service: "s3", path: "//a/../b%20c d")[1] == "//a/../b%20c%20d")
    }

    @Test func querySortsByEncodedNameThenValueKeepingRepeats() {
        let line = Self.canonicalLines(query: [
            (name: "b", value: "2"), (name: "a", value: "z"), (name: "a b", value: ""),
            (name: "a", value: "Z"), (name: "ሴ", value: "x y"), (name: "a", value: "z"),
        ])[2]
        // `%` (0x25) sorts before letters.
        #expect(line == "%E1%88%B4=x%20y&a=Z&a=z&a=z&a%20b=&b=2")
    }

    @Test func headersAreLowercasedTrimmedJoinedAndSorted() {
        let lines = Self.canonicalLines(headers: [
            (name: "Zeta", value: "  a \t  b\r\n  c  "), (name: "alpha", value: "1"),
            (name: "ALPHA", value: " 2 "), (name: "User-Agent", value: "curl"),
            (name: "Authorization", value: "old"),
        ])
        #expect(lines[3...7] == ["alpha:1,2", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "zeta:a b c", ""])
        #expect(lines[8] == "alpha;host;x-amz-date;zeta")
    }

    @Test func payloadHashOptions() {
        let signer = SigV4Signer(
            credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret"),
            region: "us-east-1", service: "s3", addsContentSHA256Header: true
        )
        let request = SignableRequest(method: "PUT", host: "b.s3.amazonaws.com", path: "/k", body: Array("x".utf8))
        let unsigned = signer.sign(request, at: Self.date, payloadHash: .unsigned)
        #expect(unsigned.headerValues("x-amz-content-sha256") == ["UNSIGNED-PAYLOAD"])
        let canonical = signer.canonicalRequest(request, at: Self.date, payloadHash: .precomputed("abc"))
        #expect(canonical.hasSuffix("\nhost;x-amz-content-sha256;x-amz-date\nabc"))
    }
}
