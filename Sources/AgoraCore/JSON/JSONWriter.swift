/// Human-readable JSON, for the CLI's `--json` output.
public enum JSONWriter {
    /// `value` with member names sorted as in canonical JSON, two spaces of indent per
    /// level, `": "` after names, empty arrays and objects as `[]` and `{}`, and no
    /// trailing newline. Strings and numbers are written exactly as in canonical JSON.
    /// Non-finite numbers, which JSON cannot carry, are written as `null`.
    ///
    /// See `protocol/CANONICAL-JSON.md`, "Human-readable form".
    public static func pretty(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSON.serialize(value, pretty: true).bytes, as: UTF8.self)
    }
}
