public import AgoraCore

/// The peer a session is held with. The roster (issue 13) will supply the real identity (city,
/// node URL, TLS pin); the engine needs only a stable name to key sessions and records by.
public protocol SyncPeer: Sendable {
    /// A stable, unique name for the peer, e.g. its city id.
    var name: String { get }
}

/// Carries one reconciliation message of a session to a peer and brings back its answer.
/// HTTPS (`POST /federation/v1/reconcile`, protocol/SYNC.md section 10) will be one
/// implementation; `InProcessSyncTransport` is another, for tests and simulations.
public protocol SyncTransport: Sendable {
    /// The peer's answer to `message`, the next message of session `session`.
    func reconcile(_ message: [UInt8], session: String) async throws -> [UInt8]
}

/// A transport that hands messages straight to a `SyncResponderService` in the same process.
public struct InProcessSyncTransport: SyncTransport {
    /// The answering side.
    public let service: SyncResponderService

    /// A transport to `service`.
    public init(service: SyncResponderService) { self.service = service }

    public func reconcile(_ message: [UInt8], session: String) async throws -> [UInt8] {
        try await service.answer(message, session: session)
    }
}
