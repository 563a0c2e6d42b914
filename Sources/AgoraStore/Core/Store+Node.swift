import AgoraCore

extension Store.Options {
    /// The options a node opens its store with: AgoraCore's merge and strict verifier, judged
    /// against the node's key directory.
    ///
    /// - Parameters:
    ///   - coalition: the coalition id every change must name.
    ///   - directory: which keys belong to which city, and their status (from the roster).
    ///   - crypto: SHA-256 and Ed25519 (`AgoraCrypto.OpenSSLChangeCryptography`).
    ///   - access: `.readWrite` for the node's writer (takes the lock), `.readOnly` for readers.
    ///   - maxSkewMilliseconds: how far ahead of the clock a change may be stamped; nil skips the check (replaying a log).
    ///   - clock: the node's wall clock in Unix milliseconds.
    public static func node(coalition: String, directory: KeyDirectory, crypto: any ChangeCryptography,
                            access: Access = .readWrite,
                            maxSkewMilliseconds: UInt64? = HybridLogicalClock.defaultMaxSkewMilliseconds,
                            clock: @escaping @Sendable () -> Int64) -> Store.Options {
        var verifier = ChangeVerifier(crypto: crypto, coalition: coalition, directory: directory)
        if let maxSkewMilliseconds { verifier.maxSkewMilliseconds = maxSkewMilliseconds }
        var wall: (@Sendable () -> UInt64)?
        if maxSkewMilliseconds != nil { wall = { @Sendable in UInt64(max(clock(), 0)) } }
        return Store.Options(access: access, merger: CoreMerge(directory: directory, crypto: crypto),
                             verifier: CoreVerifier(verifier: verifier, clock: wall), clock: clock)
    }
}
