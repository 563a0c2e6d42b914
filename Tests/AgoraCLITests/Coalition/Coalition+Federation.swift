import AgoraCore
import AgoraHTTP
import Foundation

extension Coalition {
    /// The TLS certificate and key of the node directory `name` in the coalition's folder.
    func credentials(_ name: String) throws -> TLSCredentials {
        let tls = root.appendingPathComponent(name).appendingPathComponent("tls")
        return try TLSCredentials(certificateFile: tls.appendingPathComponent("certificate.pem").path,
                                  privateKeyFile: tls.appendingPathComponent("key.pem").path)
    }

    /// An HTTPS client presenting the certificate of the node directory `name` (patient).
    func federationClient(as name: String) throws -> HTTPClient {
        try HTTPClient(configuration: HTTPClientConfiguration(
            timeouts: HTTPClientTimeouts(connect: .seconds(60), handshake: .seconds(60), write: .seconds(60), read: .seconds(120)),
            credentials: try credentials(name), threads: 1))
    }

    /// `POST /federation/v1/changes` with `lines` to `city`'s federation port, presenting the
    /// certificate of `name`: the status code and the answer's JSON (or its text as a string).
    func push(_ lines: [String], to city: String, as name: String) async throws -> (code: Int, answer: JSONValue) {
        let client = try federationClient(as: name)
        defer { client.closeIdleConnections() }
        let node = node(city)
        let body = Array(lines.map { $0 + "\n" }.joined().utf8)
        let response = try await client.send(HTTPClientRequest(method: .post, target: "/federation/v1/changes",
                                                               headers: ["Content-Type": "application/jsonl"], body: body),
                                             to: .tls(host: "127.0.0.1", port: node.federationPort, pin: node.pin))
        let answer = (try? CanonicalJSON.decode(response.body)) ?? .string(String(decoding: response.body, as: UTF8.self))
        return (Int(response.status.code), answer)
    }
}
