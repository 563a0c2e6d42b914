@testable import AgoraHTTP
import Foundation

/// A member's federation port played by the test: a TLS server with the member's certificate
/// (so its pin is the one the roster lists) that relays each request to an honest node, as that
/// member, and then misbehaves as its `mode` says.
final class FakePeer: Sendable {
    /// How the fake answers.
    enum Mode: Sendable {
        /// Relays faithfully.
        case honest
        /// `200` with bytes that are no sync message and no JSON.
        case garbage
        /// The honest answer with only its first half as the body (a well-formed HTTP response).
        case truncated
        /// Relays reconciliation honestly, then answers a fetch with the first half of the honest
        /// answer's body (cut inside a line), in a well-formed HTTP response.
        case truncatedFetch
        /// Relays reconciliation honestly, then cuts the connection halfway through a fetch answer.
        case vanishesMidTransfer
    }

    private let server: HTTPServer
    private let state: Locked<Mode>
    /// The port it listens on (127.0.0.1).
    let port: UInt16

    /// Starts the fake with `credentials` (the member's TLS identity), relaying to `upstream`
    /// (an honest node's federation port and pin) through `client` (which presents the member's certificate).
    init(credentials: TLSCredentials, upstream: HTTPEndpoint, client: HTTPClient) throws {
        let state = Locked(Mode.honest)
        let handler: HTTPHandler = { request in
            let mode = state.withLock { $0 }
            if mode == .garbage { return HTTPResponse(status: .ok, body: Array("\u{7}not a sync message \u{0}\u{1}".utf8)) }
            var headers = HTTPHeaders()
            for name in ["Content-Type", "Agora-Sync-Session"] { if let value = request.headers[name] { headers.add(name, value) } }
            guard let answer = try? await client.send(HTTPClientRequest(method: request.method, target: request.path, headers: headers,
                                                                        body: request.body), to: upstream) else {
                return HTTPResponse(status: HTTPStatus(code: 502), body: Array("the fake's upstream failed".utf8))
            }
            return Self.misbehave(mode, answer, path: request.path)
        }
        self.state = state
        server = try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: 0),
                                                    security: .tls(credentials, requireClientCertificate: true), handler: handler)])
        guard let port = server.port(0) else { throw FixtureError(message: "the fake peer has no port") }
        self.port = port
    }

    /// Switches how it answers from the next request on.
    func set(_ mode: Mode) { state.withLock { $0 = mode } }

    func shutdown() async { await server.shutdown(gracePeriod: .seconds(1)) }

    /// The upstream's `answer`, spoiled as `mode` says.
    static func misbehave(_ mode: Mode, _ answer: HTTPClientResponse, path: String) -> HTTPResponse {
        var response = HTTPResponse(status: answer.status, body: answer.body)
        if let type = answer.headers["Content-Type"] { response.headers.add("Content-Type", type) }
        switch mode {
        case .honest, .garbage:
            break
        case .truncated:
            response.body = Array(answer.body.prefix(answer.body.count / 2))
        case .truncatedFetch where path.hasSuffix("/changes/fetch"):
            response.body = Array(answer.body.prefix(answer.body.count / 2))
        case .vanishesMidTransfer where path.hasSuffix("/changes/fetch"):
            let half = Locked<[UInt8]?>(Array(answer.body.prefix(max(1, answer.body.count / 2))))
            response.body = []
            response.stream = HTTPBodyStream {
                if let piece = half.withLock({ value -> [UInt8]? in defer { value = nil }; return value }) { return piece }
                throw FixtureError(message: "the fake peer vanishes mid-transfer")
            }
        case .vanishesMidTransfer, .truncatedFetch:
            break
        }
        return response
    }
}
