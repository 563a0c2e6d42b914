import Testing
import AgoraCore
import AgoraHTTP
@testable import AgoraNode

/// HTTP-level friction of issue 16, item 10: repeated parameters, the bearer scheme's case, and
/// IPv4 loopback seen through an IPv6 listener.
@Suite struct APIFrictionTests {
    @Test func aRepeatedParameterIs400OnEveryEndpointThatTakesOne() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let router = catalog.router(exporter: StoreExporter(store: catalog.store, dcat: ExportStreamTests.dcat))
        for target in ["/api/v1/export?format=csv&format=jsonl", "/api/v1/export?format=csv&format=csv",
                       "/api/v1/search?q=open&q=data", "/healthz?x=1&x=1", "/readyz?a=1"] {
            let response = await router.send(.get, target)
            #expect(response.status == .badRequest, "\(target)")
            #expect(response.errorCode == "invalid_parameter", "\(target)")
        }
        let export = await router.send(.get, "/api/v1/export?format=csv&format=jsonl")
        #expect(export.json["error"]?["parameter"]?.stringValue == "format")
    }

    @Test func adminEndpointsRefuseRepeatedAndUnknownParameters() async throws {
        let writer = RecordingWriter()
        var router = Router()
        AdminAPI(writer: writer).install(into: &router, access: .socket)
        let path = "/admin/v1/records/tirana/practice/x"
        let twice = await router.send(.delete, path + "?undo=true&undo=false", remote: "unix")
        #expect(twice.status == .badRequest)
        #expect(twice.json["error"]?["parameter"]?.stringValue == "undo")
        let document = CanonicalJSON.encode(.object(["id": .string("tirana/practice/x")]))
        #expect(await router.send(.post, "/admin/v1/records?dry=1", body: document, remote: "unix").status == .badRequest)
        #expect(await writer.calls.isEmpty)
    }

    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        let writer = RecordingWriter()
        var router = Router()
        AdminAPI(writer: writer).install(into: &router, access: .loopback(token: APIAdminTests.token))
        let path = "/admin/v1/records/tirana/practice/x"
        for scheme in ["bearer", "BEARER", "Bearer", "bEaReR"] {
            let response = await router.send(.delete, path, headers: ["Authorization": "\(scheme) \(APIAdminTests.token)"],
                                             remote: "127.0.0.1:5000")
            #expect(response.status == .ok, "\(scheme)")
        }
        let spaced = await router.send(.delete, path, headers: ["Authorization": "Bearer   \(APIAdminTests.token)"], remote: "127.0.0.1:1")
        #expect(spaced.status == .ok)
        for wrong in ["Basic \(APIAdminTests.token)", "Bearer", "Bearer ", "Bearertoken", APIAdminTests.token] {
            let response = await router.send(.delete, path, headers: ["Authorization": wrong], remote: "127.0.0.1:5000")
            #expect(response.status == .unauthorized, "\(wrong)")
        }
    }

    @Test func ipv4LoopbackThroughAnIPv6ListenerIsLoopback() async throws {
        let writer = RecordingWriter()
        var router = Router()
        AdminAPI(writer: writer).install(into: &router, access: .loopback(token: APIAdminTests.token))
        let headers: HTTPHeaders = ["Authorization": "Bearer \(APIAdminTests.token)"]
        let mapped = await router.send(.delete, "/admin/v1/records/tirana/practice/x", headers: headers, remote: "[::ffff:127.0.0.1]:40000")
        #expect(mapped.status == .ok)
        let outside = await router.send(.delete, "/admin/v1/records/tirana/practice/x", headers: headers, remote: "[::ffff:192.0.2.1]:40000")
        #expect(outside.status == .forbidden)
    }
}
