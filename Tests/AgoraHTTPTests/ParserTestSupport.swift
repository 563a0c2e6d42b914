@testable import AgoraHTTP

/// What feeding a byte stream to the parser produced: each request, then the error if one came.
struct ParseOutcome: Equatable {
    var requests: [HTTPParsedRequest] = []
    var error: HTTPParseError?
    var phase: HTTPRequestParser.Phase = .idle
}

/// Feeds `bytes` to a fresh parser in pieces cut at `cuts`, draining requests after every piece.
func parse(_ bytes: [UInt8], cuts: [Int] = [], limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var from = 0
    for cut in cuts + [bytes.count] where cut >= from {
        parser.append(contentsOf: bytes[from..<cut])
        from = cut
        do {
            while let request = try parser.nextRequest() { outcome.requests.append(request) }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    outcome.phase = parser.phase
    return outcome
}

func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
    parse(Array(text.utf8), limits: limits)
}

/// Requests used by the split tests: plain, with a body, chunked with trailers, HTTP/1.0, pipelined.
enum SampleRequests {
    static let get = "GET /search?q=open%20data&city=tirana HTTP/1.1\r\nHost: a.example\r\nAccept: */*\r\n\r\n"
    static let post = "POST /admin/publish HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world"
    static let chunked = "PUT /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nChecksum: abc\r\nX-Trailer:  two \r\n\r\n"
    static let http10 = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    static let close = "DELETE /r/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
    static let all = [get, post, chunked, http10, close, get + post + chunked + close]
}
