import Foundation
internal import COpenSSL

/// The `EVP_MD_CTX`s that sign or verify with one key: each call gets a copy of one context
/// that was initialised for the key and never used.
///
/// A one-shot `EVP_DigestSign` or `EVP_DigestVerify` finalises its context. OpenSSL 3.0 let a
/// finalised context run again; from 3.2 on, a second one-shot on it fails (it returns 0, "final
/// error", for a verification too: OpenSSL PR #23834). So no call may run on a context that
/// ran before. Initialising a context for the key costs about 1.1–1.5 µs, copying the pristine
/// one about 0.15 µs (`EVP_MD_CTX_copy_ex`; see `docs/BENCHMARKS.md`), so each call copies it
/// into a context from `idle` and runs there. Whatever a context did before is overwritten by
/// the copy, so nothing here depends on what a call returned.
///
/// A context is taken out of `idle` for the duration of one call, so two threads never share
/// one. `@unchecked Sendable`: the mutable state (`pristine`, `idle`) is read and written under
/// `lock`, the copy from `pristine` included; the key is immutable and thread-safe (see
/// `KeyHandle`).
final class ContextPool: @unchecked Sendable {
    /// What the contexts are initialised for.
    enum Operation {
        case sign, verify
    }

    /// The most idle contexts kept per key; more concurrent callers get new ones.
    static let capacity = 4

    let key: KeyHandle
    private let operation: Operation
    private let lock = NSLock()
    /// Initialised for `key` and `operation` on first use, then only copied from.
    private var pristine: OpaquePointer?
    private var idle: [OpaquePointer] = []

    init(key: KeyHandle, operation: Operation) {
        self.key = key
        self.operation = operation
    }

    deinit {
        if let pristine { EVP_MD_CTX_free(pristine) }
        for context in idle { EVP_MD_CTX_free(context) }
    }

    /// Runs `body` on a context freshly initialised for the key and returns its result.
    ///
    /// - Throws: `CryptoError` `.openSSL` when no context could be made or initialised.
    func perform(_ body: (OpaquePointer) -> Int32) throws -> Int32 {
        let context = try prepared()
        defer { give(context) }
        return body(context)
    }

    /// A context in the state of `pristine`: an idle one (or a new one) overwritten by a copy.
    private func prepared() throws -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        let source = try pristineContext()
        let context = try idle.popLast() ?? OpenSSL.make("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
        do {
            try OpenSSL.call("EVP_MD_CTX_copy_ex") { EVP_MD_CTX_copy_ex(context, source) }
        } catch {
            EVP_MD_CTX_free(context)
            throw error
        }
        return context
    }

    /// The context initialised for the key, made on first use. Call under `lock`.
    private func pristineContext() throws -> OpaquePointer {
        if let pristine { return pristine }
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
        pristine = context
        return context
    }

    private func give(_ context: OpaquePointer) {
        lock.lock()
        let kept = idle.count < Self.capacity
        if kept { idle.append(context) }
        lock.unlock()
        if !kept { EVP_MD_CTX_free(context) }
    }
}
