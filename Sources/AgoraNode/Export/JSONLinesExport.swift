import AgoraStore

/// JSON Lines of signed changes: one change per line in its wire form (`protocol/PROTOCOL.md`,
/// "Wire form"), in the node's arrival order. `agora import` reads it back; importing it twice
/// changes nothing.
public enum JSONLinesExport {
    /// The wire form of `change`, without the newline: `{"bodies":…,"header":…,"signature":"…"}`.
    ///
    /// It is assembled from the stored canonical bytes, never re-encoded, so it is byte-identical
    /// to what the author signed. An erased change has `"bodies":{}`.
    public static func line(for change: StoredChange) -> [UInt8] {
        change.wireBytes
    }

    /// `line(for:)` plus a newline.
    public static func lineWithNewline(for change: StoredChange) -> [UInt8] {
        line(for: change) + [0x0A]
    }
}
