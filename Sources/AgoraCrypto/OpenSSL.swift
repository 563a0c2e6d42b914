internal import COpenSSL

/// The one place where OpenSSL return codes are checked and turned into `CryptoError`s.
///
/// Every call into libcrypto that can fail goes through `call` (for integer return codes,
/// where a value above zero means success) or `make` (for pointer results). On failure
/// the per-thread error queue is drained into the error's `cause`, so a later call on this
/// thread never sees a stale entry.
enum OpenSSL {
    /// Runs an OpenSSL call that returns 1 (or any positive value) on success.
    ///
    /// - Parameters:
    ///   - operation: the name of the operation, for the error message.
    ///   - code: the error code to report on failure.
    /// - Returns: the positive return value.
    @discardableResult
    @inline(__always)
    static func call(
        _ operation: StaticString, code: CryptoError.Code = .openSSL, _ body: () -> Int32
    ) throws -> Int32 {
        let result = body()
        guard result > 0 else { throw failure(operation, code: code) }
        return result
    }

    /// Runs an OpenSSL call that returns a pointer, `nil` on failure.
    @discardableResult
    @inline(__always)
    static func make<T>(
        _ operation: StaticString, code: CryptoError.Code = .openSSL, _ body: () -> T?
    ) throws -> T {
        guard let value = body() else { throw failure(operation, code: code) }
        return value
    }

    /// Builds the error for a failed operation and clears the error queue.
    static func failure(_ operation: StaticString, code: CryptoError.Code) -> CryptoError {
        CryptoError(code: code, message: "OpenSSL \(operation) failed", cause: drainErrorQueue())
    }

    /// Checks a call that can only fail on an internal error (memory exhaustion or a
    /// corrupted context), where the public API promises not to throw.
    ///
    /// This mirrors swift-crypto's digests: such a failure is a broken invariant, not an
    /// input error, so it stops the process with OpenSSL's reason rather than return a
    /// wrong digest.
    @inline(__always)
    static func require(_ result: Int32, _ operation: StaticString) {
        if result <= 0 {
            preconditionFailure("OpenSSL \(operation) failed: \(drainErrorQueue())")
        }
    }

    /// The version text of the libcrypto loaded at run time ("OpenSSL 3.0.19 27 Jan 2026"), which
    /// may differ from the headers built against.
    static var versionText: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }

    /// Clears the per-thread error queue after an expected failure (a bad signature).
    static func clearErrors() {
        ERR_clear_error()
    }

    /// Reads and clears every entry of this thread's OpenSSL error queue.
    static func drainErrorQueue() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.joined(separator: "; ")
    }
}
