import AgoraCore

/// `--json` output: one JSON document per line, members in the order given (stable for scripts
/// and readable by people), strings escaped as RFC 8785 escapes them.
enum JSONOutput {
    /// An object with members in this order, on one line.
    static func object(_ members: [(String, JSONValue)]) -> String {
        "{" + members.map { key, value in
            String(decoding: CanonicalJSON.encode(.string(key)), as: UTF8.self) + ":" + String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
        }.joined(separator: ",") + "}"
    }
}
