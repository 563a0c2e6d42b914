import Foundation

extension SHA256.Hasher {
    /// This thread's own hasher, created on first use and freed when the thread exits;
    /// `nil` only if OpenSSL could not allocate one.
    ///
    /// Safe because `SHA256.hash` uses it synchronously from start to finish and never
    /// calls itself, so one thread never has two uses of it in flight.
    static var forCurrentThread: SHA256.Hasher? {
        let key = ThreadHasherKey.key
        if let raw = pthread_getspecific(key) {
            return Unmanaged<SHA256.Hasher>.fromOpaque(raw).takeUnretainedValue()
        }
        guard let hasher = try? SHA256.Hasher() else { return nil }
        guard pthread_setspecific(key, Unmanaged.passRetained(hasher).toOpaque()) == 0 else {
            Unmanaged.passUnretained(hasher).release()
            return hasher
        }
        return hasher
    }
}

/// The thread-specific slot that holds each thread's `SHA256.Hasher`.
private enum ThreadHasherKey {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        // The destructor releases the hasher, which frees its EVP_MD_CTX.
        pthread_key_create(&key) { raw in
            if let raw { Unmanaged<SHA256.Hasher>.fromOpaque(raw).release() }
        }
        return key
    }()
}
