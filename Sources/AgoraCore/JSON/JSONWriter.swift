/// Human-readable JSON, for the CLI's `--json` output.
public enum JSONWriter {
    /// `value` with member names sorted as in canonical JSON, two spaces of indent per
    /// level, `": "` after names, empty arrays and objects as `[]` and `{}`, and no
    /// trailing newline. Strings and numbers are written exactly as in canonical JSON.
    public static func pretty(_ value: JSONValue) -> String {
        var serializer = JSONSerializer(pretty: true)
        serializer.write(value)
        return String(decoding: serializer.output, as: UTF8.self)
    }
}
