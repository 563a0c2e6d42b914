import Testing
@testable import AgoraHTTP

@Suite struct HTTPRequestParserErrorTests {
    func status(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> Int? {
        parse(text, limits: limits).error?.status.code
    }

    @Test func aLongRequestLineIs414() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64)
        let line = "GET /" + String(repeating: "a", count: 60) + " HTTP/1.1"
        #expect(status(line, limits: limits) == 414, "caught before the line ends")
        #expect(status(line + "\r\nHost: a\r\n\r\n", limits: limits) == 414)
        let fits = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(fits.utf8.count == 64)
        #expect(status(fits + "\r\nHost: a\r\n\r\n", limits: limits) == nil)
    }

    @Test func tooManyOrTooLargeHeadersAre431() {
        let limits = HTTPParserLimits(maxHeaderBytes: 100, maxHeaderCount: 3)
        let many = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(parse(many, limits: limits).error?.code == .tooManyHeaders)
        #expect(status(many, limits: limits) == 431)
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 100)
        #expect(parse(big, limits: limits).error?.code == .headersTooLarge, "caught before the line ends")
        let exact = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 100 - 9 - 7 - 2) + "\r\n\r\n"
        #expect(status(exact, limits: limits) == nil)
    }

    @Test func largeBodiesAre413BeforeTheyArrive() {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits) == nil)
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n"
        #expect(status(chunked, limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n") == 400)
    }

    @Test func postAndPutWithoutALengthAre411() {
        #expect(status("POST /x HTTP/1.1\r\nHost: a\r\n\r\n") == 411)
        #expect(status("PUT /x HTTP/1.1\r\nHost: a\r\n\r\n") == 411)
        #expect(status("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\n") == nil)
        #expect(status("POST /x HTTP/1.1\r\nHost: a\r\n\r\n", limits: HTTPParserLimits(requireLengthForPostAndPut: false)) == nil)
    }

    @Test func unsupportedCodingsAre501AndAmbiguousFramingIs400() {
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == 501)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\n") == 400)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n") == 400)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\nHost: a\n\n",                     // bare LF
        "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",              // double space
        "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",              // trailing space
        "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",               // method is not a token
        "GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n",         // control byte in target
        "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",    // obs-fold
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",              // space before colon
        "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{00}b\r\n\r\n",// NUL in value
        "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",            // bare CR in value
        "GET / HTTP/1.1\r\n\r\n",                          // no Host
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",    // two Hosts
        "GET / HTTX/1.1\r\nHost: a\r\n\r\n",
        "GET relative HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1234567890123456\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\n",
    ])
    func malformedRequestsAre400(_ text: String) {
        #expect(status(text) == 400)
    }

    @Test func otherVersionsAre505() {
        #expect(status("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505)
        #expect(status("GET / HTTP/1.2\r\nHost: a\r\n\r\n") == 505)
    }

    @Test func anErrorIsSticky() {
        var parser = HTTPRequestParser()
        parser.append(contentsOf: "BAD\r\n".utf8)
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
        parser.append(contentsOf: "GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
    }
}
