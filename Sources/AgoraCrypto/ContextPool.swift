import Foundation
internal import COpenSSL

/// A few `EVP_MD_CTX`s already initialised to sign or verify with one key, reused across
/// calls so that a signature costs only the signature (initialising a context costs about
/// 1.5 µs, 4% of an Ed25519 signature; see `docs/BENCHMARKS.md`).
///
/// A context is taken out of the pool for the duration of one call, so two threads never
/// share one. `@unchecked Sendable`: the only mutable state, `idle`, is read and written
/// under `lock`; the key is immutable and thread-safe (see `KeyHandle`).
final class ContextPool: @unchecked Sendable {
    /// What the pooled contexts are initialised for.
    enum Operation {
        case sign, verify
    }

    /// The most idle contexts kept per key; more concurrent callers get fresh ones.
    static let capacity = 4

    let key: KeyHandle
    private let operation: Operation
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    init(key: KeyHandle, operation: Operation) {
        self.key = key
        self.operation = operation
    }

    deinit {
        for context in idle { EVP_MD_CTX_free(context) }
    }

    /// Runs `attempt` on an initialised context and returns its result.
    ///
    /// A result that `isDefinitive` rejects from a reused context (a newer OpenSSL may
    /// refuse a second one-shot on the same context) is retried once on a fresh context.
    func perform(_ attempt: (OpaquePointer) -> Int32, isDefinitive: (Int32) -> Bool) throws -> Int32 {
        if let pooled = take() {
            let result = attempt(pooled)
            if isDefinitive(result) {
                give(pooled)
                return result
            }
            EVP_MD_CTX_free(pooled)
            OpenSSL.clearErrors()
        }
        let fresh = try makeContext()
        let result = attempt(fresh)
        if isDefinitive(result) { give(fresh) } else { EVP_MD_CTX_free(fresh) }
        return result
    }

    private func makeContext() throws -> OpaquePointer {
        let context = try OpenSSL.make("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
        do {
            switch operation {
            case .sign:
                try OpenSSL.call("EVP_DigestSignInit") { EVP_DigestSignInit(context, nil, nil, nil, key.pointer) }
            case .verify:
                try OpenSSL.call("EVP_DigestVerifyInit") { EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) }
            }
        } catch {
            EVP_MD_CTX_free(context)
            throw error
        }
        return context
    }

    private func take() -> OpaquePointer? {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
    }

    private func give(_ context: OpaquePointer) {
        lock.lock()
        let kept = idle.count < Self.capacity
        if kept { idle.append(context) }
        lock.unlock()
        if !kept { EVP_MD_CTX_free(context) }
    }
}
