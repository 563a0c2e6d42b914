import Testing
@testable import AgoraHTTP

@Suite struct HTTPResponseParserTests {
    /// Feeds `text` cut at `cuts`; returns the response, or the error, or nil if incomplete (then EOF is applied).
    func parse(_ text: String, cuts: [Int] = [], isHead: Bool = false, limits: HTTPResponseLimits = HTTPResponseLimits(),
               closeAtEnd: Bool = false) -> Result<HTTPClientResponse?, HTTPParseError> {
        var parser = HTTPResponseParser(limits: limits, isHeadRequest: isHead)
        let bytes = Array(text.utf8)
        var from = 0
        do {
            for cut in cuts + [bytes.count] where cut >= from {
                parser.append(contentsOf: bytes[from..<cut])
                from = cut
                if let response = try parser.nextResponse() { return .success(response) }
            }
            return .success(closeAtEnd ? try parser.finishAtEndOfStream() : nil)
        } catch {
            return .failure(error)
        }
    }

    static let samples = [
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhe\r\n3;x=y\r\nllo\r\n0\r\nT: 1\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello",
    ]

    @Test func everyByteSplitGivesTheSameResponse() throws {
        for sample in Self.samples {
            let whole = try #require(try parse(sample).get())
            #expect(whole.body == Array("hello".utf8), "\(sample)")
            for cut in 0...sample.utf8.count {
                #expect(try parse(sample, cuts: [cut]).get() == whole)
            }
            #expect(try parse(sample, cuts: Array(0..<sample.utf8.count)).get() == whole)
        }
    }

    @Test func keepAliveAndInterimResponses() throws {
        #expect(try parse(Self.samples[0]).get()?.keepAlive == true)
        let created = try #require(try parse(Self.samples[2]).get())
        #expect(created.status == .created && !created.keepAlive)
        #expect(try parse(Self.samples[3]).get()?.keepAlive == true)
    }

    @Test func responsesWithoutBodies() throws {
        let head = try #require(try parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", isHead: true).get())
        #expect(head.body.isEmpty && head.headers["content-length"] == "99")
        let none = try #require(try parse("HTTP/1.1 204 No Content\r\n\r\n").get())
        #expect(none.status == .noContent)
        #expect(try parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n").get()?.body == [])
    }

    @Test func aBodyWithoutLengthEndsWhenTheServerCloses() throws {
        #expect(try parse("HTTP/1.1 200 OK\r\n\r\nuntil close").get() == nil)
        let response = try #require(try parse("HTTP/1.1 200 OK\r\n\r\nuntil close", closeAtEnd: true).get())
        #expect(response.body == Array("until close".utf8) && !response.keepAlive)
        #expect(throws: HTTPParseError.self) { try parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", closeAtEnd: true).get() }
    }

    @Test(arguments: [
        "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/3 200 OK\r\n\r\n", "SIP/2.0 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformedResponsesAreErrors(_ text: String) {
        #expect(throws: HTTPParseError.self) { try parse(text).get() }
    }

    @Test func oversizedResponsesAreErrors() {
        let limits = HTTPResponseLimits(maxHeadBytes: 64, maxBodyBytes: 4)
        #expect(throws: HTTPParseError.self) { try parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", limits: limits).get() }
        #expect(throws: HTTPParseError.self) { try parse("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 80), limits: limits).get() }
        #expect(throws: HTTPParseError.self) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", limits: limits).get()
        }
    }
}
