import AWSSigner
import Testing

/// AWS's published SigV4 test suite: every stage of every case, byte for byte.
struct SigV4SuiteTests {
    @Test func fixtureHasAll34CasesAndTheDocumentedInputs() throws {
        let suite = try SigV4Suite.loaded.get()
        #expect(suite.cases.count == 34)
        #expect(suite.amzDate == "20150830T123600Z")
        #expect(AMZDate(SigV4Suite.date).timestamp == suite.amzDate)
        #expect(suite.region == "us-east-1")
        #expect(suite.service == "service")
        // The README's token rule must pick exactly the two cases it names.
        #expect(suite.cases.filter { $0.sessionToken != nil }.map(\.name).sorted() == [
            "get-vanilla-with-session-token",
            "post-sts-token/post-sts-header-before",
        ])
    }

    @Test(arguments: SigV4Suite.cases)
    func caseMatchesEveryStage(_ testCase: SigV4Suite.Case) throws {
        let suite = try SigV4Suite.loaded.get()
        let outcome = try suite.run(testCase)
        #expect(outcome.canonicalRequest == testCase.canonicalRequest)
        #expect(outcome.stringToSign == testCase.stringToSign)
        #expect(outcome.authorization == testCase.authorization)
    }

    @Test(arguments: SigV4Suite.cases)
    func signedRequestCarriesDateAndToken(_ testCase: SigV4Suite.Case) throws {
        let suite = try SigV4Suite.loaded.get()
        let signed = suite.signer(for: testCase).sign(try RawHTTPRequest.parse(testCase.request), at: SigV4Suite.date)
        #expect(signed.headerValues("X-Amz-Date") == [suite.amzDate])
        #expect(signed.headerValues("X-Amz-Security-Token") == (testCase.sessionToken.map { [$0] } ?? []))
        #expect(signed.headerValues("Authorization").count == 1)
    }

    @Test func wholeSuitePasses() throws {
        let suite = try SigV4Suite.loaded.get()
        var failed: [String] = []
        for testCase in suite.cases {
            let outcome = try? suite.run(testCase)
            if outcome != suite.expected(testCase) {
                failed.append(testCase.name)
            }
        }
        print("SigV4 suite: \(suite.cases.count - failed.count)/\(suite.cases.count) passed")
        #expect(suite.cases.count == 34)
        #expect(failed == [])
    }

    @Test func parserHandlesTheSuiteQuirks() throws {
        let folded = try RawHTTPRequest.parse("GET / HTTP/1.1\nHost:h\nMy-Header1:value1\n  value2\n")
        #expect(folded.headerValues("my-header1") == ["value1\n  value2"])
        let spaced = try RawHTTPRequest.parse("GET /example space/ HTTP/1.1\nHost:h")
        #expect(spaced.path == "/example space/")
        let repeated = try RawHTTPRequest.parse("GET /?Param1=value2&Param1=value1 HTTP/1.1\nHost:h")
        #expect(repeated.queryItems.map { "\($0.name)=\($0.value)" } == ["Param1=value2", "Param1=value1"])
        let posted = try RawHTTPRequest.parse("POST / HTTP/1.1\nHost:h\n\nParam1=value1")
        #expect(posted.body == Array("Param1=value1".utf8))
        #expect(posted.headers.count == 1)
        #expect(throws: RawHTTPRequest.ParseError.missingHost) { try RawHTTPRequest.parse("GET / HTTP/1.1\nX:y") }
    }
}
