import Foundation

/// Counts the exports streaming now, in all and per client address, and turns away one too many.
final class ExportGate: @unchecked Sendable {
    // @unchecked: `total` and `perClient` are only touched while `lock` is held.
    private let lock = NSLock()
    private var total = 0
    private var perClient: [String: Int] = [:]
    let limits: APILimits

    init(limits: APILimits) { self.limits = limits }

    /// A slot for one export to `client` (a `ClientAddress.limitKey`); release it when the stream ends.
    /// - Throws: ``APIError`` 429 `too_many_requests` when the client holds its share, 503 `busy`
    ///   when every slot is taken; both with `Retry-After`.
    func admit(_ client: String) throws(APIError) -> ExportSlot {
        let refusal: APIError? = lock.withLock {
            if perClient[client, default: 0] >= limits.maximumConcurrentExportsPerClient {
                return APIError(.tooManyRequests, .tooManyRequests,
                                "this client already has \(limits.maximumConcurrentExportsPerClient) exports streaming; retry when one ends",
                                retryAfterSeconds: limits.retryAfterSeconds)
            }
            if total >= limits.maximumConcurrentExports {
                return APIError(.serviceUnavailable, .busy,
                                "the node is streaming its most exports at once (\(limits.maximumConcurrentExports)); retry shortly",
                                retryAfterSeconds: limits.retryAfterSeconds)
            }
            total += 1
            perClient[client, default: 0] += 1
            return nil
        }
        if let refusal { throw refusal }
        return ExportSlot { [self] in release(client) }
    }

    /// Exports streaming now.
    var streaming: Int { lock.withLock { total } }

    private func release(_ client: String) {
        lock.withLock {
            total -= 1
            let held = perClient[client, default: 1]
            perClient[client] = held > 1 ? held - 1 : nil
        }
    }
}

/// One admitted export; ``release()`` gives the slot back, once, however often it is called.
final class ExportSlot: @unchecked Sendable {
    // @unchecked: `onRelease` is only read and cleared while `lock` is held.
    private let lock = NSLock()
    private var onRelease: (@Sendable () -> Void)?

    init(_ onRelease: @escaping @Sendable () -> Void) { self.onRelease = onRelease }

    func release() {
        let action = lock.withLock { () -> (@Sendable () -> Void)? in
            defer { onRelease = nil }
            return onRelease
        }
        action?()
    }
}
