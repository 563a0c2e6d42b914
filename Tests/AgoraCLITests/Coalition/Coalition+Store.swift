import AgoraCore
import AgoraNode
import AgoraStore
import Foundation
import Testing

/// What a stopped node holds in its database, read in this process.
struct StoredSet: Equatable {
    /// The sync items (change ids in `(HLC ms, id)` order): the set reconciliation compares.
    var items: [SyncItem]
    /// Every record's canonical state bytes, by id.
    var states: [String: String]
}

extension Coalition {
    /// Opens `city`'s node directory read-only (its server must be stopped) and runs `body`.
    func withStore<T>(_ city: String, _ body: (Store) async throws -> T) async throws -> T {
        let node = try LocalNode(directory: NodeDirectory(root: root.appendingPathComponent(city)), writable: false)
        do {
            let value = try await body(node.store)
            await node.close()
            return value
        } catch {
            await node.close()
            throw error
        }
    }

    /// The set and the states `city` holds.
    func storedSet(_ city: String) async throws -> StoredSet {
        try await withStore(city) { store in
            let states = try await store.allStates()
            return StoredSet(items: try await store.syncItems(), states: Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0.state) }))
        }
    }

    /// The attempts `city` recorded with `peer`, oldest first.
    func syncAttempts(_ city: String, peer: String) async throws -> [Store.SyncAttempt] {
        try await withStore(city) { try await $0.syncAttempts(peer: peer) }
    }

    /// Every node (stopped) holds the same set of change ids and the same record state bytes.
    func expectSameStoredSets(_ cities: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let cities = cities ?? self.cities
        let first = try await storedSet(cities[0])
        #expect(!first.items.isEmpty, sourceLocation: sourceLocation)
        for city in cities.dropFirst() {
            let other = try await storedSet(city)
            #expect(other.items == first.items, "\(city) holds another set than \(cities[0])", sourceLocation: sourceLocation)
            #expect(other.states == first.states, "\(city) holds other states than \(cities[0])", sourceLocation: sourceLocation)
        }
    }
}
