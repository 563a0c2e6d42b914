public import AgoraCore
import Foundation

/// The key directory a running node judges changes by, replaced when a roster update lands.
///
/// The store's merge and verifier read it at each call (``Store/Options/node(coalition:keys:crypto:access:maxSkewMilliseconds:clock:)``),
/// so a new roster takes effect without reopening the store; stored verdicts change with `rebuild()`.
public final class LiveKeyDirectory: @unchecked Sendable {
    // @unchecked: `current` is only touched under `lock`.
    private let lock = NSLock()
    private var value: KeyDirectory

    /// A live directory starting at `directory`.
    public init(_ directory: KeyDirectory) { self.value = directory }

    /// The directory now.
    public var current: KeyDirectory {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Replaces the directory.
    public func replace(with directory: KeyDirectory) {
        lock.lock()
        value = directory
        lock.unlock()
    }
}

/// `CoreMerge` over the live directory.
struct LiveMerge: RecordMerging {
    let keys: LiveKeyDirectory
    let crypto: any ChangeCryptography

    func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord {
        try CoreMerge(directory: keys.current, crypto: crypto).merge(recordID: recordID, changes: changes)
    }
}

/// `CoreVerifier` over the live directory.
struct LiveVerifier: ChangeVerifying {
    let keys: LiveKeyDirectory
    let base: CoreVerifier

    func verify(wire: [UInt8]) -> Result<StoredChange, StoreRefusal> {
        var verifier = base
        verifier.verifier.directory = keys.current
        return verifier.verify(wire: wire)
    }
}

extension Store.Options {
    /// ``node(coalition:directory:crypto:access:maxSkewMilliseconds:clock:)`` judged by a live
    /// directory: a roster update replaces it and the next ingest uses the new one.
    public static func node(coalition: String, keys: LiveKeyDirectory, crypto: any ChangeCryptography,
                            access: Access = .readWrite,
                            maxSkewMilliseconds: UInt64? = HybridLogicalClock.defaultMaxSkewMilliseconds,
                            clock: @escaping @Sendable () -> Int64) -> Store.Options {
        var options = node(coalition: coalition, directory: keys.current, crypto: crypto, access: access,
                           maxSkewMilliseconds: maxSkewMilliseconds, clock: clock)
        options.merger = LiveMerge(keys: keys, crypto: crypto)
        if let base = options.verifier as? CoreVerifier { options.verifier = LiveVerifier(keys: keys, base: base) }
        return options
    }
}
