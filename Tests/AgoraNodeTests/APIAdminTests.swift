import Testing
import AgoraCore
import AgoraHTTP
@testable import AgoraNode

/// The admin API through the router: who may call it, and what reaches the writer.
@Suite("Admin API")
struct APIAdminTests {
    static let token = "0123456789abcdef0123456789abcdef"

    func router(_ writer: RecordingWriter, access: AdminAPI.Access) -> Router {
        var router = Router()
        AdminAPI(writer: writer).install(into: &router, access: access)
        PublicAPI.installErrorBodies(into: &router)
        return router
    }

    @Test func publishOverTheSocketReachesTheWriter() async throws {
        let writer = RecordingWriter()
        let document = CanonicalJSON.encode(.object(["id": .string("tirana/practice/x"), "kind": .string("practice")]))
        let response = await router(writer, access: .socket).send(.post, "/admin/v1/records", body: document, remote: "unix")
        #expect(response.status == .ok)
        #expect(PublishResult(json: response.json) == PublishResult(record: "tirana/practice/x", changes: [RecordingWriter.changeID]))
        #expect(await writer.calls == ["publish tirana/practice/x"])
    }

    @Test func loopbackNeedsTheTokenAndOtherPeersAreRefused() async throws {
        let writer = RecordingWriter()
        let router = router(writer, access: .loopback(token: Self.token))
        let path = "/admin/v1/records/tirana/practice/x"
        let remote = await router.send(.delete, path, headers: ["Authorization": "Bearer \(Self.token)"], remote: "198.51.100.7:999")
        #expect(remote.status == .forbidden)
        let noToken = await router.send(.delete, path, remote: "127.0.0.1:5000")
        #expect(noToken.status == .unauthorized)
        #expect(noToken.errorCode == "unauthorized")
        let wrong = await router.send(.delete, path, headers: ["Authorization": "Bearer \(Self.token.dropLast())0"], remote: "127.0.0.1:5000")
        #expect(wrong.status == .unauthorized)
        #expect(await writer.calls.isEmpty)
        let right = await router.send(.delete, path, headers: ["Authorization": "Bearer \(Self.token)"], remote: "127.0.0.1:5000")
        #expect(right.status == .ok)
        let undo = await router.send(.delete, path + "?undo=true", headers: ["Authorization": "Bearer \(Self.token)"], remote: "127.0.0.1:5000")
        #expect(undo.status == .ok)
        let bad = await router.send(.delete, path + "?undo=yes", headers: ["Authorization": "Bearer \(Self.token)"], remote: "127.0.0.1:5000")
        #expect(bad.json["error"]?["parameter"]?.stringValue == "undo")
        #expect(await writer.calls == ["delete tirana/practice/x", "delete tirana/practice/x undo"])
    }

    @Test func editAdoptAndRedactCarryTheirArguments() async throws {
        let writer = RecordingWriter()
        let router = router(writer, access: .socket)
        let edit = CanonicalJSON.encode(.object(["fields": .object(["stage": .string("scaling")]), "language": .string("bg")]))
        #expect(await router.send(.patch, "/admin/v1/records/sofia/pilot/p1", body: edit, remote: "unix").status == .ok)
        let adopt = CanonicalJSON.encode(.object(["note": .object(["en": .string("We adapted it.")]), "year": .number(2023)]))
        #expect(await router.send(.post, "/admin/v1/records/tirana/practice/x/adoptions", body: adopt, remote: "unix").status == .ok)
        let redact = CanonicalJSON.encode(.object(["change": .string(String(repeating: "ab", count: 32)), "reason": .string("erasure")]))
        #expect(await router.send(.post, "/admin/v1/redactions", body: redact, remote: "unix").status == .ok)
        #expect(await writer.calls == ["edit sofia/pilot/p1 stage bg", "adopt tirana/practice/x", "redact \(String(repeating: "ab", count: 32)) erasure"])
    }

    @Test func badBodiesAreRefusedBeforeTheWriter() async throws {
        let writer = RecordingWriter()
        let router = router(writer, access: .socket)
        let notJSON = await router.send(.post, "/admin/v1/records", body: Array("{nope".utf8), remote: "unix")
        #expect(notJSON.status == .badRequest)
        #expect(notJSON.errorCode == "invalid_body")
        let huge = [UInt8](repeating: 0x20, count: AdminAPI.maximumBodyBytes + 1)
        let tooLarge = await router.send(.post, "/admin/v1/records", body: huge, remote: "unix")
        #expect(tooLarge.status == .contentTooLarge)
        #expect(tooLarge.errorCode == "too_large")
        let badChange = CanonicalJSON.encode(.object(["change": .string("xyz")]))
        #expect(await router.send(.post, "/admin/v1/redactions", body: badChange, remote: "unix").status == .badRequest)
        let emptyEdit = CanonicalJSON.encode(.object(["fields": .object([:])]))
        #expect(await router.send(.patch, "/admin/v1/records/sofia/pilot/p1", body: emptyEdit, remote: "unix").status == .badRequest)
        #expect(await writer.calls.isEmpty)
    }

    @Test func aRefusedWriteIs422WithTheWritersReason() async throws {
        let writer = RecordingWriter(refusal: "sofia may not write tirana's record")
        let response = await router(writer, access: .socket).send(.delete, "/admin/v1/records/tirana/practice/x", remote: "unix")
        #expect(response.status == .unprocessableContent)
        #expect(response.errorCode == "rejected")
        #expect(response.json["error"]?["message"]?.stringValue?.contains("may not write") == true)
    }
}

/// A writer that records each call and answers with one fixed change id, or refuses.
actor RecordingWriter: NodeWriting {
    static let changeID = String(repeating: "c", count: 64)
    private(set) var calls: [String] = []
    let refusal: String?

    init(refusal: String? = nil) { self.refusal = refusal }

    func record(_ call: String, _ record: String) throws -> PublishResult {
        if let refusal { throw APIErrorStub(message: refusal) }
        calls.append(call)
        return PublishResult(record: record, changes: [Self.changeID])
    }

    func publish(document: JSONValue) throws -> PublishResult {
        let id = document["id"]?.stringValue ?? ""
        return try record("publish \(id)", id)
    }
    func edit(record id: String, fields: [String: JSONValue], language: String?) throws -> PublishResult {
        try record("edit \(id) \(fields.keys.sorted().joined(separator: ",")) \(language ?? "-")", id)
    }
    func delete(record id: String, undo: Bool) throws -> PublishResult { try record("delete \(id)" + (undo ? " undo" : ""), id) }
    func redact(change: String, reason: String?) throws -> PublishResult {
        try record("redact \(change) \(reason ?? "")", "")
    }
    func adopt(record id: String, entry: JSONValue) throws -> PublishResult { try record("adopt \(id)", id) }
}

struct APIErrorStub: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
