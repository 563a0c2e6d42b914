import AgoraTesting
import COpenSSL
import Foundation
import Testing
@testable import AgoraHTTP

/// The server under the key exchange of the OpenSSL the tests run on. From OpenSSL 3.5 (Debian 13)
/// clients offer the post-quantum hybrid X25519MLKEM768 first, and its key shares make the
/// ClientHello and the ServerHello more than a kilobyte each, where X25519 takes 32 bytes.
/// `scripts/check/openssl35` runs this suite on Debian 13's OpenSSL 3.5; `scripts/test` on the
/// system's (3.0 on Debian 12).
@Suite struct TLSKeyExchangeTests {
    @Test func aClientWithOpenSSLsDefaultGroupsGetsThroughTheHandshakeAndARequest() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let outcome = await ChildProcess.offPool { DefaultGroupsClient.get(port: port) }
        await server.shutdown()
        let exchange = try outcome.get()
        #expect(exchange.response.hasPrefix("HTTP/1.1 200"), "\(exchange.response)")
        #expect(exchange.response.hasSuffix("GET /hello pin=none body="))
        #expect(server.statistics.handshakeFailures == 0)
        if OpenSSL_version_num() >= 0x3050_0000 {
            #expect(exchange.group == "X25519MLKEM768")
            // An ML-KEM-768 encapsulation key alone is 1,184 bytes, a ciphertext 1,088.
            #expect(exchange.clientHelloBytes > 1_184, "ClientHello of \(exchange.clientHelloBytes) bytes")
            #expect(exchange.serverHelloBytes > 1_088, "ServerHello of \(exchange.serverHelloBytes) bytes")
        } else {
            #expect(exchange.group == "X25519")
            #expect(exchange.serverHelloBytes < 200, "ServerHello of \(exchange.serverHelloBytes) bytes")
        }
    }
}

/// A blocking TLS 1.3 client straight on OpenSSL, with the library's default groups and
/// nothing of AgoraHTTP's configuration, that sends one GET and notes what the handshake used.
/// Use it from `ChildProcess.offPool`.
enum DefaultGroupsClient {
    struct Exchange {
        var group = ""
        var clientHelloBytes = 0
        var serverHelloBytes = 0
        var response = ""
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sizes of the hello messages, filled in by OpenSSL's message callback.
    final class HelloSizes {
        var client = 0, server = 0
    }

    static func get(port: UInt16) -> Result<Exchange, Failure> {
        guard let connection = RawConnection(port: port) else { return .failure(Failure(description: "cannot connect")) }
        guard let context = SSL_CTX_new(TLS_client_method()) else { return .failure(Failure(description: "SSL_CTX_new")) }
        defer { SSL_CTX_free(context) }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        guard let ssl = SSL_new(context) else { return .failure(Failure(description: "SSL_new")) }
        defer { SSL_free(ssl) }
        let sizes = HelloSizes()
        SSL_set_msg_callback(ssl) { isWrite, _, contentType, buffer, length, _, argument in
            // Content type 22 is a handshake message; its first byte is the type (1 ClientHello, 2 ServerHello).
            guard contentType == 22, length > 0, let buffer, let argument else { return }
            let sizes = Unmanaged<HelloSizes>.fromOpaque(argument).takeUnretainedValue()
            switch (isWrite, buffer.load(as: UInt8.self)) {
            case (1, 1): sizes.client = length
            case (0, 2): sizes.server = length
            default: break
            }
        }
        _ = SSL_ctrl(ssl, SSL_CTRL_SET_MSG_CALLBACK_ARG, 0, Unmanaged.passUnretained(sizes).toOpaque())
        SSL_set_fd(ssl, connection.fd)
        guard SSL_connect(ssl) == 1 else { return .failure(Failure(description: "handshake failed: \(OpenSSL.drainErrors())")) }
        let request = Array("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard SSL_write(ssl, request, Int32(request.count)) == Int32(request.count) else {
            return .failure(Failure(description: "SSL_write failed"))
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = SSL_read(ssl, &buffer, Int32(buffer.count)), count > 0 {
            response += buffer[0..<Int(count)]
        }
        return .success(Exchange(group: negotiatedGroup(ssl), clientHelloBytes: sizes.client,
                                 serverHelloBytes: sizes.server, response: String(decoding: response, as: UTF8.self)))
    }

    /// The name of the group the key exchange used: `SSL_get0_group_name` where the library has it
    /// (3.2 and later), else the short name of the group's NID.
    private static func negotiatedGroup(_ ssl: OpaquePointer) -> String {
        typealias GroupName = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
        if let symbol = dlsym(nil, "SSL_get0_group_name"),
           let name = unsafeBitCast(symbol, to: GroupName.self)(ssl) {
            return String(cString: name)
        }
        let nid = SSL_ctrl(ssl, SSL_CTRL_GET_NEGOTIATED_GROUP, 0, nil)
        return OBJ_nid2sn(Int32(truncatingIfNeeded: nid)).map { String(cString: $0) } ?? "NID \(nid)"
    }
}
