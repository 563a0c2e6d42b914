import AgoraCore
import AgoraStore

/// A record's merged state computed from its stored changes, for the publish diff and for
/// permission checks before signing (the store keeps the same state, computed by `CoreMerge`).
enum NodeMerger {
    /// The merged state of a record from stored changes.
    static func state(recordID: String, changes: [StoredChange], directory: KeyDirectory,
                      crypto: any ChangeCryptography) throws -> RecordState {
        guard let id = RecordID(recordID) else {
            throw NodeError(.invalidInput, "'\(recordID)' is not a record id (<city>/<kind>/<slug>)")
        }
        let verified = try changes.map { change throws -> VerifiedChange in
            do {
                return VerifiedChange(trusting: try change.signedChange(), crypto: crypto)
            } catch {
                throw NodeError(.invalidConfig, "stored change \(change.idHex) is corrupt: \(error)", cause: error)
            }
        }
        return RecordMerge.state(of: id, changes: verified, directory: directory)
    }
}
