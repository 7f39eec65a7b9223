import AWSSigner
import Testing

/// Building requests from URLs, and the header and query helpers.
struct SignableRequestTests {
    @Test func parsesLoopbackEndpoint() throws {
        let request = try SignableRequest(method: "POST", url: "http://127.0.0.1:4566/")
        #expect(request.scheme == "http")
        #expect(request.host == "127.0.0.1")
        #expect(request.port == 4566)
        #expect(request.path == "/")
        #expect(request.queryItems.isEmpty)
        #expect(request.authority == "127.0.0.1:4566")
        #expect(request.url == "http://127.0.0.1:4566/")
    }

    @Test func parsesIPv6QueryAndDropsFragment() throws {
        let request = try SignableRequest(method: "GET", url: "HTTP://[::1]:8080/a/b?b=c%20d&b=e&flag&&x=1+2#frag")
        #expect(request.scheme == "http")
        #expect(request.host == "::1")
        #expect(request.authority == "[::1]:8080")
        #expect(request.path == "/a/b")
        #expect(request.queryItems.map { "\($0.name)=\($0.value)" } == ["b=c d", "b=e", "flag=", "x=1+2"])
        #expect(request.requestTarget == "/a/b?b=c%20d&b=e&flag=&x=1%2B2")
    }

    @Test func emptyPathBecomesSlashAndDefaultPortIsLeftOut() throws {
        let request = try SignableRequest(method: "GET", url: "https://ecs.eu-west-1.amazonaws.com:443?x=1")
        #expect(request.path == "/")
        #expect(request.authority == "ecs.eu-west-1.amazonaws.com")
        #expect(request.url == "https://ecs.eu-west-1.amazonaws.com/?x=1")
    }

    @Test(arguments: [
        ("ecs.us-east-1.amazonaws.com/", SigV4Error.missingScheme(url: "ecs.us-east-1.amazonaws.com/")),
        ("https:///path", .missingHost(url: "https:///path")),
        ("http://:80/", .missingHost(url: "http://:80/")),
        ("http://h:99999/", .invalidPort(url: "http://h:99999/")),
        ("http://h:+80/", .invalidPort(url: "http://h:+80/")),
        ("http://[::1]x/", .invalidPort(url: "http://[::1]x/")),
        ("http://user:hunter2@h/", .userInfoNotSupported),
    ])
    func rejectsBadURLs(url: String, error: SigV4Error) {
        #expect(throws: error) { try SignableRequest(method: "GET", url: url) }
    }

    @Test func userInfoErrorDoesNotRepeatThePassword() {
        #expect(!"\(SigV4Error.userInfoNotSupported)".contains("hunter2"))
    }

    @Test func setHeaderReplacesInPlaceAndDropsDuplicates() {
        var request = SignableRequest(method: "GET", host: "h", headers: [
            (name: "A", value: "1"), (name: "x-amz-date", value: "old"), (name: "B", value: "2"),
            (name: "X-AMZ-DATE", value: "older"),
        ])
        request.setHeader("X-Amz-Date", "new")
        #expect(request.headers.map { "\($0.name):\($0.value)" } == ["A:1", "X-Amz-Date:new", "B:2"])
        request.setHeader("C", "3")
        #expect(request.headerValues("c") == ["3"])
        #expect(request.headers.count == 4)
    }

    @Test func uriEncodingKeepsOnlyUnreserved() {
        #expect(URIEncoding.encode("-_.~AZaz09") == "-_.~AZaz09")
        #expect(URIEncoding.encode("a b/ሴ+*$") == "a%20b%2F%E1%88%B4%2B%2A%24")
        #expect(URIEncoding.encode("/a b/", keepingSlashes: true) == "/a%20b/")
        #expect(URIEncoding.decode("a%20b%2fc%zz%4") == "a b/c%zz%4")
        #expect(URIEncoding.decode("%E1%88%B4+") == "ሴ+")
    }
}
