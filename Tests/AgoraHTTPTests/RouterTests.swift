import Testing
import AgoraHTTP

@Suite struct RouterTests {
    func makeRouter() -> Router {
        var router = Router()
        router.get("/records/:city/:kind/:slug") { request in
            .text("record \(request.parameter("city") ?? "")|\(request.parameter("kind") ?? "")|\(request.parameter("slug") ?? "")")
        }
        router.get("/records/new/form/page") { _ in .text("literal") }
        router.post("/records") { request in .text("posted \(request.body.count)", status: .created) }
        router.get("/files/*path") { request in .text("file \(request.parameter("path") ?? "")") }
        router.get("/") { _ in .text("root") }
        return router
    }

    func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// An immediate route answers without an await, for GET and HEAD, with its path parameters;
    /// every other request (another route, 404, 405) gets nil, so the server runs the handler.
    @Test func immediateRoutesAnswerAtOnceAndNothingElseDoes() async {
        var router = makeRouter()
        router.add(.get, "/health/:part", immediate: { request in .text("up \(request.parameter("part") ?? "")") })
        let get = HTTPRequest(method: .get, target: "/health/db")
        #expect(router.immediateResponse(to: get).map(body) == "up db")
        #expect(router.immediateResponse(to: HTTPRequest(method: .head, target: "/health/db")).map(body) == "up db")
        #expect(body(await router.respond(to: get)) == "up db")
        for (method, target) in [(HTTPMethod.get, "/records/a/b/c"), (.get, "/nowhere"), (.post, "/health/db")] {
            #expect(router.immediateResponse(to: HTTPRequest(method: method, target: target)) == nil, "\(method) \(target)")
        }
    }

    @Test func matchesParametersAndDecodesThem() async {
        let response = await makeRouter().respond(to: HTTPRequest(method: .get, target: "/records/tirana/practice/open%20data?x=1"))
        #expect(response.status == .ok)
        #expect(body(response) == "record tirana|practice|open data")
    }

    @Test func aLiteralRouteBeatsParameters() async {
        let response = await makeRouter().respond(to: HTTPRequest(method: .get, target: "/records/new/form/page"))
        #expect(body(response) == "literal")
    }

    @Test func aCatchAllTakesTheRestOfThePath() async {
        let response = await makeRouter().respond(to: HTTPRequest(method: .get, target: "/files/a/b%2Fc/d"))
        #expect(body(response) == "file a/b/c/d")
        #expect(await makeRouter().respond(to: HTTPRequest(method: .get, target: "/files")).status == .notFound)
    }

    @Test func unknownPathsAre404AndOtherMethods405WithAllow() async {
        let router = makeRouter()
        #expect(await router.respond(to: HTTPRequest(method: .get, target: "/nothing")).status == .notFound)
        #expect(await router.respond(to: HTTPRequest(method: .get, target: "/records/a/b")).status == .notFound)
        let wrong = await router.respond(to: HTTPRequest(method: .delete, target: "/records/a/b/c"))
        #expect(wrong.status == .methodNotAllowed)
        #expect(wrong.headers["allow"] == "GET, HEAD")
        let post = await router.respond(to: HTTPRequest(method: .get, target: "/records"))
        #expect(post.status == .methodNotAllowed && post.headers["Allow"] == "POST")
    }

    @Test func headIsServedByTheGetRoute() async {
        let response = await makeRouter().respond(to: HTTPRequest(method: .head, target: "/"))
        #expect(body(response) == "root")
    }

    @Test func badPercentEncodingIs404() async {
        #expect(await makeRouter().respond(to: HTTPRequest(method: .get, target: "/records/%zz/b/c")).status == .notFound)
    }

    @Test func fallbacksCanBeReplaced() async {
        var router = makeRouter()
        router.notFound = { _ in HTTPResponse(status: .notFound, headers: ["Content-Type": "application/json"], body: Array("{}".utf8)) }
        let response = await router.respond(to: HTTPRequest(method: .get, target: "/nope"))
        #expect(response.headers["content-type"] == "application/json")
    }
}

@Suite struct HTTPRequestTests {
    @Test func splitsPathAndDecodesQueryItems() {
        let request = HTTPRequest(method: .get, target: "/search?q=digital+rights&city=Tiran%C3%AB&city=Sofia&flag&bad=%zz#frag")
        #expect(request.path == "/search")
        #expect(request.query("q") == "digital rights")
        #expect(request.queryValues("city") == ["Tiranë", "Sofia"])
        #expect(request.query("flag") == "")
        #expect(request.query("bad") == "%zz")
    }

    @Test func absoluteFormTargetsKeepOnlyThePath() {
        #expect(HTTPRequest(method: .get, target: "https://a.example:8443/x/y?z=1").path == "/x/y")
        #expect(HTTPRequest(method: .get, target: "http://a.example").path == "/")
    }

    @Test func localPeersAreRecognised() {
        #expect(HTTPRequest(method: .get, target: "/", remoteAddress: "127.0.0.1:4000").isLocal)
        #expect(HTTPRequest(method: .get, target: "/", remoteAddress: "unix").isLocal)
        #expect(!HTTPRequest(method: .get, target: "/", remoteAddress: "10.0.0.1:4000").isLocal)
    }
}

@Suite struct HTTPResponseSerializerTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func writesStatusHeadersLengthAndBody() {
        let response = HTTPResponse(status: .created, headers: ["X-A": "1", "Content-Length": "999"], body: Array("hi".utf8))
        #expect(text(HTTPResponseSerializer.serialize(response)) == "HTTP/1.1 201 Created\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test func closeHeadAndNoBodyStatuses() {
        let response = HTTPResponse.text("hello")
        let head = text(HTTPResponseSerializer.serialize(response, isHeadRequest: true, keepAlive: false))
        #expect(head.hasSuffix("Content-Length: 5\r\nConnection: close\r\n\r\n"))
        let noContent = text(HTTPResponseSerializer.serialize(HTTPResponse(status: .noContent, body: [1])))
        #expect(noContent == "HTTP/1.1 204 No Content\r\n\r\n")
        let old = text(HTTPResponseSerializer.serialize(HTTPResponse(), requestVersion: .http1_0))
        #expect(old.contains("Connection: keep-alive\r\n"))
    }

    @Test func aHandlerCannotInjectHeaderLines() {
        let response = HTTPResponse(headers: ["X-Evil": "a\r\nSet-Cookie: x", "Bad Name": "v"])
        let out = text(HTTPResponseSerializer.serialize(response))
        #expect(out.contains("X-Evil: a  Set-Cookie: x\r\n"))
        #expect(!out.contains("Bad Name"))
    }
}
