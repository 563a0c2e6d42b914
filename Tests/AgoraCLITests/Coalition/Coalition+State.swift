import AgoraCore
import AgoraHTTP
import Foundation

/// What a node serves on its public API: the set of its changes and every record's state.
struct NodeState: Equatable, CustomStringConvertible {
    /// The wire form of every change (`GET /api/v1/export?format=jsonl`), sorted: the set.
    var changes: [String]
    /// Each record's `GET /api/v1/records/ID?view=state` body, by record id.
    var records: [String: String]

    var description: String { "\(changes.count) changes, records \(records.keys.sorted())" }

    /// The record ids the changes name.
    static func recordIDs(of lines: [String]) -> Set<String> {
        Set(lines.compactMap { try? CanonicalJSON.decode(Array($0.utf8))["header"]?["record"]?.stringValue })
    }
}

extension Coalition {
    /// A client for the nodes' public ports (patient: the suite shares two cores).
    static let client: HTTPClient? = try? HTTPClient(configuration: HTTPClientConfiguration(
        timeouts: HTTPClientTimeouts(connect: .seconds(60), handshake: .seconds(60), write: .seconds(60), read: .seconds(120)),
        threads: 2))

    /// `GET target` on `city`'s public port: the body, or a thrown error unless 200.
    func get(_ city: String, _ target: String) async throws -> [UInt8] {
        guard let client = Self.client else { throw FixtureError(message: "no HTTP client") }
        let node = node(city)
        let response = try await client.send(HTTPClientRequest(method: .get, target: target),
                                             to: .tls(host: "127.0.0.1", port: node.publicPort, pin: node.pin))
        guard response.status.code == 200 else {
            throw FixtureError(message: "\(city) GET \(target): \(response.status.code) \(String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }

    /// The state `city` serves now.
    func state(_ city: String) async throws -> NodeState {
        let export = String(decoding: try await get(city, "/api/v1/export?format=jsonl"), as: UTF8.self)
        let lines = export.split(separator: "\n").map(String.init).sorted()
        var records: [String: String] = [:]
        for id in NodeState.recordIDs(of: lines) {
            records[id] = String(decoding: try await get(city, "/api/v1/records/\(id)?view=state"), as: UTF8.self)
        }
        return NodeState(changes: lines, records: records)
    }

    /// The record `id`'s state object on `city` (the merge's state: fields, sets, verdicts).
    func recordState(_ city: String, _ id: String) async throws -> JSONValue {
        try CanonicalJSON.decode(try await get(city, "/api/v1/records/\(id)?view=state"))["state"] ?? .null
    }

    /// Polls until every one of `cities` (default: all) serves the same state, at most
    /// `deadline`; between polls `nudge` may run a sync round. Returns the common state.
    @discardableResult
    func waitForConvergence(_ cities: [String]? = nil, deadline: Duration = .seconds(120),
                            nudge: () async throws -> Void = {}) async throws -> NodeState {
        let cities = cities ?? self.cities
        let end = ContinuousClock.now + deadline
        var states: [String: NodeState] = [:]
        while ContinuousClock.now < end {
            for city in cities { states[city] = try await state(city) }
            if Set(states.values.map(\.changes)).count == 1, Set(states.values.map(\.records)).count == 1,
               let first = states[cities[0]] {
                return first
            }
            try await nudge()
            try await Task.sleep(for: .milliseconds(200))
        }
        throw FixtureError(message: "no convergence within \(deadline): " + cities.map { "\($0): \(states[$0].map(\.description) ?? "-")" }.joined(separator: "; "))
    }
}
