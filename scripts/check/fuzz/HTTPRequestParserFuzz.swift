// libFuzzer entry point for the request parser. Built by scripts/check/fuzz-http-parser.
// Property checked on every input: feeding it whole and feeding it cut in two (at a place the input
// itself chooses) give the same requests and the same error, and no body exceeds the limit.

struct Outcome: Equatable {
    var requests: [HTTPParsedRequest] = []
    var error: HTTPParseError?
}

func run(_ bytes: [UInt8], cut: Int?, limits: HTTPParserLimits) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = Outcome()
    let pieces = cut.map { [bytes[..<$0], bytes[$0...]] } ?? [bytes[...]]
    for piece in pieces {
        parser.append(contentsOf: piece)
        do {
            while let request = try parser.nextRequest() { outcome.requests.append(request) }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8,
                                  maxBodyBytes: 128, maxChunkLineBytes: 32)
    let whole = run(bytes, cut: nil, limits: limits)
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let split = run(bytes, cut: cut, limits: limits)
    precondition(whole == split, "split at \(cut) changed the outcome")
    precondition(whole.requests.allSatisfy { $0.body.count <= 128 }, "body over the limit")
    return 0
}
