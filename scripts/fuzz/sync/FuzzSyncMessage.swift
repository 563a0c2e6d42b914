// libFuzzer entry point for the reconciliation messages (see protocol/SYNC.md).
// Built by scripts/fuzz/sync/run together with Sources/AgoraCore/Sync/*.swift and what they use.
//
// Every input must either be refused with a SyncError, or parse to a message whose binary form
// is exactly the input (one reading per message), and which a responder over a fixed set then
// either answers or refuses with a SyncError. A broken property traps.

/// A stand-in for SHA-256 (the fuzz build links no OpenSSL): FNV-1a spread over 32 bytes.
let fakeHash: @Sendable ([UInt8]) -> [UInt8] = { bytes in
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return (0..<32).map { UInt8(truncatingIfNeeded: h >> UInt64(($0 % 8) * 8) ^ UInt64($0)) }
}

nonisolated(unsafe) let tree: FingerprintTree = {
    var state: UInt64 = 1
    func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
    return FingerprintTree(sorted: (0..<2_000).map { _ in
        SyncItem(milliseconds: next() % 5_000, id: SyncID(words: (next(), next(), next(), next())))
    }.sorted())
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyncMessage(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let message: SyncMessage
    do {
        message = try SyncMessage(bytes: bytes)
    } catch {
        return 0
    }
    precondition(message.bytes == bytes, "accepted a message that is not its own binary form")
    _ = message.json
    var responder = SyncResponder(source: tree, sha256: fakeHash)
    _ = try? responder.receive(message)
    return 0
}
