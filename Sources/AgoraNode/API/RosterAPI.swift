public import AgoraHTTP
import AgoraCore
import Foundation

/// The roster's routes: `GET /api/v1/roster` (public port: the state, nothing secret),
/// `GET /federation/v1/roster?after=ID` (federation port: the applied updates after one, JSON
/// Lines) and `POST /admin/v1/roster` (admin: JSON Lines of updates to take). See `protocol/ROSTER.md` 6.
public struct RosterAPI: Sendable {
    /// The node's roster.
    public let roster: NodeRoster

    /// The routes of `roster`.
    public init(roster: NodeRoster) { self.roster = roster }

    /// The largest body `POST /admin/v1/roster` takes: a bundle.
    public static let maximumBodyBytes = RosterLimits.maxBundleBytes

    /// Adds `GET /api/v1/roster` to the public router.
    public func installPublic(into router: inout Router) {
        router.get("/api/v1/roster") { request in
            await PublicAPI.respond(request) { request in
                try PublicAPI.noParameters(request)
                guard let state = roster.snapshot.roster else { throw Self.noRoster }
                return JSONResponse.make(state.json)
            }
        }
    }

    /// Adds `GET /federation/v1/roster` to the federation router.
    public func installFederation(into router: inout Router) {
        router.get("/federation/v1/roster") { request in
            await PublicAPI.respond(request) { request in
                try PublicAPI.noParameters(request, except: ["after"])
                return try Self.updates(after: request.query("after"), roster.snapshot)
            }
        }
    }

    /// Adds `POST /admin/v1/roster` to an admin router.
    public func installAdmin(into router: inout Router, access: AdminAPI.Access) {
        router.post("/admin/v1/roster") { request in
            await PublicAPI.respond(request) { request in
                try AdminAPI.authorize(request, access)
                guard request.body.count <= Self.maximumBodyBytes else {
                    throw APIError(.contentTooLarge, .tooLarge, "the body is \(request.body.count) bytes; at most \(Self.maximumBodyBytes)")
                }
                let intake: NodeRoster.Intake
                do { intake = try await roster.receive(RosterLines.split(request.body)) } catch {
                    throw APIError(.unprocessableContent, .rejected, "\(error)")
                }
                return JSONResponse.make(intake.json)
            }
        }
    }

    static let noRoster = APIError(.notFound, .notFound, "this node holds no roster yet (agora roster genesis, or agora enrol)")

    /// The applied updates after `after` (all of them without it), as JSON Lines.
    static func updates(after: String?, _ snapshot: NodeRoster.Snapshot) throws(APIError) -> HTTPResponse {
        guard let fold = snapshot.fold else { throw noRoster }
        var applied = fold.applied[...]
        if let after {
            guard let id = RosterUpdateID(hex: after) else { throw APIError.invalid("after", "an update id, 64 lowercase hex digits") }
            guard let index = applied.firstIndex(where: { $0.id == id }) else {
                throw APIError(.notFound, APIError.Code("unknown-update"), "\(after) is not an applied update of this node's roster")
            }
            applied = applied[(index + 1)...]
        }
        let body: [UInt8] = applied.flatMap { (u: RosterUpdate) -> [UInt8] in u.wireBytes + [0x0A] }
        return HTTPResponse(status: .ok, headers: ["Content-Type": "application/x-ndjson"], body: body)
    }
}

/// Splitting a JSON Lines body or bundle into lines (blank lines and a trailing CR skipped).
public enum RosterLines {
    /// The non-blank lines of `bytes`.
    public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { line in
            Array(line.last == 0x0D ? line.dropLast() : line[...])
        }.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }
}

extension NodeRoster.Intake {
    /// The intake as JSON: held, duplicates, refused (id, code, message, path), seq, fork, released.
    public var json: JSONValue {
        .object([
            "held": .number(Double(held)), "duplicates": .number(Double(duplicates)),
            "seq": .number(Double(sequence)), "released": .number(Double(released)),
            "refused": .array(refused.map { r in
                .object(["id": r.id.map { .string($0) } ?? .null, "code": .string(r.error.code.name),
                         "message": .string(r.error.message), "path": r.error.path.map { .string($0) } ?? .null])
            }),
            "fork": fork.map { f in
                .object(["parent": .string(f.parent.hex), "seq": .number(Double(f.sequence)),
                         "candidates": .array(f.candidates.map { .string($0.hex) })])
            } ?? .null,
        ])
    }
}
