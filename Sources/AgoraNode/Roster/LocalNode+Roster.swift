import AgoraCore
import AgoraCrypto
import AgoraHTTP
import Foundation

extension LocalNode {
    /// Pulls the roster updates after this node's head from a member's federation port (mutual
    /// TLS with the node's own certificate, the member's pin checked before any byte is sent)
    /// and takes them (`GET /federation/v1/roster?after=HEAD`).
    /// - Parameter city: the member to ask; nil tries every active peer, in id order, until one answers.
    /// - Throws: ``NodeError`` when no member could be asked or none answered.
    public func pullRoster(from city: String? = nil) async throws -> NodeRoster.Intake {
        try await roster.receive(try await fetchRosterLines(from: city))
    }

    /// The updates a member serves after this node's head, not yet taken (see ``pullRoster(from:)``).
    public func fetchRosterLines(from city: String? = nil) async throws -> [[UInt8]] {
        guard let roster = roster.snapshot.roster else {
            throw NodeError(.invalidInput, "this node holds no roster yet; enrol from a bundle first (agora enrol BUNDLE)")
        }
        let peers = city.map { c in roster.members[c].map { [$0] } ?? [] } ?? roster.peers(excluding: config.cityID)
        guard !peers.isEmpty else { throw NodeError(.notFound, city.map { "\($0) is not a member of the roster" } ?? "the roster lists no other active member to pull from") }
        let credentials = try TLSCredentials(certificateFile: directory.url(for: config.tlsCertificatePath).path,
                                             privateKeyFile: directory.url(for: config.tlsKeyPath).path)
        let client = try HTTPClient(configuration: HTTPClientConfiguration(credentials: credentials, maxIdleConnectionsPerEndpoint: 0, threads: 1))
        var failures: [String] = []
        for peer in peers {
            do { return try await Self.fetch(from: peer, after: roster.head, client: client) } catch {
                failures.append("\(peer.city): \(error)")
            }
        }
        throw NodeError(.fileSystem, "no member answered: " + failures.joined(separator: "; "))
    }

    static func fetch(from peer: Roster.Member, after head: RosterUpdateID, client: HTTPClient) async throws -> [[UInt8]] {
        guard let url = URLComponents(string: peer.node.federationURL), let host = url.host, url.scheme == "https" else {
            throw NodeError(.invalidInput, "\(peer.node.federationURL) is not an https URL")
        }
        let base = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
        let request = HTTPClientRequest(target: "\(base)/federation/v1/roster?after=\(head.hex)")
        let response = try await client.send(request, to: .tls(host: host, port: UInt16(url.port ?? 443), pin: peer.node.pin))
        guard response.status.code == 200 else {
            let message = (try? CanonicalJSON.decode(response.body))?["error"]?["message"]?.stringValue ?? ""
            throw NodeError(.invalidInput, "answered \(response.status.code) \(message)")
        }
        return RosterLines.split(response.body)
    }

    /// The roster as a bundle: JSON Lines of the genesis and the applied updates, in chain order.
    public func rosterBundle() throws -> [UInt8] {
        guard let fold = roster.snapshot.fold else { throw NodeError(.notFound, "this node holds no roster yet") }
        return fold.applied.flatMap { (u: RosterUpdate) -> [UInt8] in u.wireBytes + [0x0A] }
    }

    /// Enrols this node from a bundle: checks it (size, genesis, every update) and takes the chain.
    /// - Parameter genesis: when given, the bundle's genesis id must be it (checked out of band).
    /// - Throws: ``NodeError`` `invalidInput` naming the fault; nothing is stored then.
    public func enrol(bundle bytes: [UInt8], genesis expected: String?) async throws -> NodeRoster.Intake {
        guard bytes.count <= RosterLimits.maxBundleBytes else {
            throw NodeError(.invalidInput, "the bundle is \(bytes.count) bytes; at most \(RosterLimits.maxBundleBytes)")
        }
        let lines = RosterLines.split(bytes)
        guard !lines.isEmpty else { throw NodeError(.invalidInput, "the bundle is empty: it holds no roster update") }
        guard lines.count <= RosterLimits.maxChainUpdates else {
            throw NodeError(.invalidInput, "the bundle holds \(lines.count) updates; at most \(RosterLimits.maxChainUpdates)")
        }
        let first: RosterUpdate
        do { first = try RosterUpdate.parse(lines[0], coalition: config.coalition, crypto: crypto) } catch {
            throw NodeError(.invalidInput, "bundle line 1: \(error)", cause: error)
        }
        guard first.isGenesis else { throw NodeError(.invalidInput, "bundle line 1 is not a genesis: a bundle starts with the coalition's genesis") }
        if let expected, first.id.hex != expected {
            throw NodeError(.invalidInput, "the bundle's genesis is \(first.id.hex), not \(expected): wrong-genesis")
        }
        for (i, line) in lines.enumerated().dropFirst() {
            do { _ = try RosterUpdate.parse(line, coalition: config.coalition, crypto: crypto) } catch {
                throw NodeError(.invalidInput, "bundle line \(i + 1): \(error)", cause: error)
            }
        }
        return try await roster.receive(lines)
    }
}
