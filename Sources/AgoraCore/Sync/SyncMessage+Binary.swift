extension SyncMessage {
    /// The message kinds, the second byte of every message.
    enum Kind: UInt8 {
        case open = 1, equal = 2, reply = 3, next = 4
    }

    /// The binary form. See `protocol/SYNC.md`, "Binary form".
    public var bytes: [UInt8] {
        var w = SyncByteWriter()
        w.byte(SyncMessage.version)
        switch self {
        case .open(let o):
            w.byte(Kind.open.rawValue)
            w.byte(o.parameters.byte)
            w.append(o.nonce)
            w.varint(o.bound)
            w.varint(o.lower)
            w.append(o.fingerprint)
        case .equal:
            w.byte(Kind.equal.rawValue)
        case .reply(let r):
            w.byte(Kind.reply.rawValue)
            w.byte(r.parameters.byte)
            w.varint(r.lower)
            w.append(r.fingerprint)
            SyncMessage.write(r.entries, tagLength: r.parameters.tagLength, to: &w)
        case .next(let parameters, let entries):
            w.byte(Kind.next.rawValue)
            w.byte(parameters.byte)
            SyncMessage.write(entries, tagLength: parameters.tagLength, to: &w)
        }
        return w.bytes
    }

    /// Parses a binary message, checking every length against `limits`.
    ///
    /// - Throws: `SyncError` naming the first fault (see `protocol/SYNC.md`, "Errors").
    public init(bytes: [UInt8], limits: SyncLimits = .standard) throws(SyncError) {
        guard bytes.count <= limits.maximumMessageBytes else {
            throw SyncError(.messageTooLarge, "\(bytes.count) bytes; at most \(limits.maximumMessageBytes) allowed")
        }
        var r = SyncByteReader(bytes)
        let version = try r.byte("the version")
        guard version == SyncMessage.version else { throw SyncError(.unsupportedVersion, "version \(version); only 1 is known") }
        let kindByte = try r.byte("the kind")
        guard let kind = Kind(rawValue: kindByte) else { throw SyncError(.unexpectedKind, "unknown message kind \(kindByte)") }
        if kind == .equal {
            guard r.isAtEnd else { throw SyncError(.trailingBytes, "\(r.remaining) bytes after an equal message") }
            self = .equal
            return
        }
        let parameters = try SyncParameters(byte: r.byte("the parameters"))
        switch kind {
        case .open: self = .open(try SyncMessage.readOpening(&r, parameters))
        case .reply:
            let lower = try SyncMessage.milliseconds(&r, "the lower bound")
            let fingerprint = Array(try r.take(SyncParameters.setFingerprintLength, "the set fingerprint"))
            let entries = try SyncMessage.readEntries(&r, parameters, limits)
            self = .reply(SyncReply(parameters: parameters, lower: lower, fingerprint: fingerprint, entries: entries))
        default: self = .next(parameters: parameters, entries: try SyncMessage.readEntries(&r, parameters, limits))
        }
    }

    private static func readOpening(_ r: inout SyncByteReader, _ parameters: SyncParameters) throws(SyncError) -> SyncOpening {
        let nonce = Array(try r.take(SyncFingerprinter.nonceLength, "the nonce"))
        let bound = try milliseconds(&r, "the time bound")
        let lower = try milliseconds(&r, "the lower bound")
        guard lower <= bound else { throw SyncError(.invalidAction, "the lower bound \(lower) is above the time bound \(bound)") }
        let fingerprint = Array(try r.take(SyncParameters.setFingerprintLength, "the set fingerprint"))
        guard r.isAtEnd else { throw SyncError(.trailingBytes, "\(r.remaining) bytes after an open message") }
        return SyncOpening(parameters: parameters, nonce: nonce, bound: bound, lower: lower, fingerprint: fingerprint)
    }

    private static func milliseconds(_ r: inout SyncByteReader, _ what: String) throws(SyncError) -> UInt64 {
        let value = try r.varint(what)
        guard value <= HLCTimestamp.maxMilliseconds else { throw SyncError(.invalidAction, "\(what) \(value) is above 2^53 - 1") }
        return value
    }
}
