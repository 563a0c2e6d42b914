import Foundation

/// One object per thread, made on first use and released when the thread exits.
///
/// For reusable OpenSSL contexts on hot paths: a caller uses the object synchronously from
/// start to finish and never re-enters, so one thread never has two uses of it in flight.
/// `@unchecked Sendable`: the pthread key is written once, in `init`, and each thread sees
/// only its own object.
final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value?

    /// - Parameter make: makes this thread's object; `nil` when it cannot (then `value` is `nil`).
    init(_ make: @escaping @Sendable () -> Value?) {
        var key = pthread_key_t()
        // The destructor releases the thread's object when the thread exits.
        pthread_key_create(&key) { raw in
            if let raw { Unmanaged<AnyObject>.fromOpaque(raw).release() }
        }
        self.key = key
        self.make = make
    }

    /// This thread's object, made on first use; `nil` only if `make` failed.
    var value: Value? {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(raw).takeUnretainedValue()
        }
        guard let value = make() else { return nil }
        guard pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque()) == 0 else {
            Unmanaged.passUnretained(value).release()
            return value
        }
        return value
    }
}
