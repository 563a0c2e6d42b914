// A stand-alone AgoraHTTP server for checks with outside clients (curl, wrk, openssl s_client).
// Built by scripts/check/http-serve together with the module's sources. Not part of the package.
// Usage: http-serve CERT KEY PORT [event-loop-threads]
// Routes: GET /healthz -> "ok"; GET /bytes/:count -> that many bytes; POST /echo -> the body.
import Foundation

@main
struct CheckServer {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let port = UInt16(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: http-serve CERT KEY PORT [threads]\n".utf8))
            exit(2)
        }
        var router = Router()
        router.get("/healthz") { _ in .text("ok\n") }
        router.get("/bytes/:count") { request in
            HTTPResponse(body: [UInt8](repeating: 0x61, count: min(Int(request.parameter("count") ?? "") ?? 0, 1 << 24)))
        }
        router.post("/echo") { request in HTTPResponse(body: request.body) }
        do {
            let credentials = try TLSCredentials(certificateFile: arguments[1], privateKeyFile: arguments[2])
            let threads = arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1
            let server = try HTTPServer.start(
                [HTTPListener(address: .tcp(host: "127.0.0.1", port: port),
                              security: .tls(credentials, requireClientCertificate: false), handler: router.handler)],
                configuration: HTTPServerConfiguration(eventLoopThreads: threads))
            FileHandle.standardError.write(Data("listening on https://127.0.0.1:\(server.port(0) ?? 0)\n".utf8))
            let signal = await TerminationSignals.wait()
            FileHandle.standardError.write(Data("signal \(signal): shutting down\n".utf8))
            await server.shutdown(gracePeriod: .seconds(5))
            FileHandle.standardError.write(Data("stopped: \(server.statistics)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("cannot start: \(error)\n".utf8))
            exit(1)
        }
    }
}
