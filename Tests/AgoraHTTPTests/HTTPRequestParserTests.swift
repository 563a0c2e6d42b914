import Testing
@testable import AgoraHTTP

@Suite struct HTTPRequestParserTests {
    @Test func parsesARequestLineHeadersAndNoBody() throws {
        let outcome = parse(SampleRequests.get)
        let request = try #require(outcome.requests.first)
        #expect(outcome.error == nil && outcome.requests.count == 1)
        #expect(request.head.method == .get)
        #expect(request.head.target == "/search?q=open%20data&city=tirana")
        #expect(request.head.headers["host"] == "a.example")
        #expect(request.head.keepAlive)
        #expect(request.body.isEmpty)
        #expect(outcome.phase == .idle)
    }

    @Test func readsAContentLengthBody() throws {
        let request = try #require(parse(SampleRequests.post).requests.first)
        #expect(request.body == Array("hello world".utf8))
        #expect(request.head.headers["CONTENT-TYPE"] == "text/plain")
    }

    @Test func decodesAChunkedBodyWithTrailers() throws {
        let request = try #require(parse(SampleRequests.chunked).requests.first)
        #expect(request.body == Array("hello world".utf8))
        #expect(request.trailers["checksum"] == "abc")
        #expect(request.trailers["x-trailer"] == "two")
    }

    @Test func keepAliveFollowsVersionAndConnectionHeader() throws {
        #expect(parse(SampleRequests.http10).requests.first?.head.keepAlive == true)
        #expect(parse("GET / HTTP/1.0\r\n\r\n").requests.first?.head.keepAlive == false)
        #expect(parse(SampleRequests.close).requests.first?.head.keepAlive == false)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n").requests.first?.head.keepAlive == false)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").requests.first?.head.expectsContinue == true)
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let outcome = parse(SampleRequests.all.last ?? "")
        #expect(outcome.requests.map(\.head.method) == [.get, .post, .put, .delete])
        #expect(outcome.error == nil)
    }

    @Test func everyByteSplitGivesTheSameRequests() {
        for sample in SampleRequests.all {
            let bytes = Array(sample.utf8)
            let whole = parse(bytes)
            #expect(whole.error == nil && !whole.requests.isEmpty)
            #expect(parse(bytes, cuts: Array(0..<bytes.count)) == whole, "byte by byte: \(sample)")
            for cut in 0...bytes.count {
                #expect(parse(bytes, cuts: [cut]) == whole, "split at \(cut): \(sample)")
            }
        }
    }

    @Test func aPartialRequestWaitsInTheRightPhase() {
        #expect(parse("GET / HT").phase == .head)
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab").phase == .body)
        #expect(parse("\r\n\r\n").phase == .idle)
    }

    @Test func leadingEmptyLinesAreIgnored() {
        #expect(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
        let flood = String(repeating: "\r\n", count: HTTPRequestParser.maxLeadingEmptyLines + 1)
        #expect(parse(flood + "GET / HTTP/1.1\r\nHost: a\r\n\r\n").error?.status == .badRequest)
    }

    @Test func absoluteFormAndAsteriskTargetsAreAccepted() {
        #expect(parse("GET http://a.example/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
        #expect(parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
        #expect(parse("GET * HTTP/1.1\r\nHost: a\r\n\r\n").error?.status == .badRequest)
    }

    @Test func equalRepeatedContentLengthsAreOneLength() throws {
        let request = try #require(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok").requests.first)
        #expect(request.body == Array("ok".utf8))
    }
}
