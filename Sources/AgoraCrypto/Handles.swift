internal import COpenSSL

// Owners of OpenSSL handles. Each frees its handle in `deinit`, so no handle outlives
// its owner and none is freed twice.

/// Owns an `EVP_PKEY`.
///
/// `@unchecked Sendable`: the key is never modified after creation, and OpenSSL 3
/// documents a fully constructed `EVP_PKEY` as safe to use for signing and verifying from
/// several threads at once (each operation uses its own `EVP_MD_CTX`).
final class KeyHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { EVP_PKEY_free(pointer) }
}

/// Owns an `EVP_MD_CTX`. Not Sendable: a context is used by one thread at a time.
final class DigestContextHandle {
    let pointer: OpaquePointer

    init() throws {
        pointer = try OpenSSL.make("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
    }

    deinit { EVP_MD_CTX_free(pointer) }
}

/// Owns an `EVP_PKEY_CTX`.
final class KeyContextHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { EVP_PKEY_CTX_free(pointer) }
}

/// Owns a memory `BIO`, used to move PEM text in and out of OpenSSL.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws {
        pointer = try OpenSSL.make("BIO_new(BIO_s_mem)") { BIO_new(BIO_s_mem()) }
    }

    deinit { BIO_free(pointer) }

    /// Everything written to the BIO so far, as text.
    func contents() throws -> String {
        let count = Int(BIO_ctrl_pending(pointer))
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 {
            try OpenSSL.call("BIO_read") { BIO_read(pointer, &bytes, Int32(count)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` with a read-only memory BIO over `text`.
    static func reading<T>(
        _ text: String, _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { (raw) throws -> T in
            let bio = try OpenSSL.make("BIO_new_mem_buf") {
                BIO_new_mem_buf(raw.baseAddress, Int32(raw.count))
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}
