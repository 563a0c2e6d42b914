/// Line numbers in a JSON file, for error messages that name file, line and field path.
enum SourceLocation {
    /// The 1-based line of a byte offset.
    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.prefix(max(0, min(offset, bytes.count))).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The line where the member at a field path (`title.en`, `sources[1].url`) is written,
    /// found by looking for each named member's key after the previous one; nil when not found
    /// (a missing field: the caller then names the path alone).
    static func line(ofPath path: String, in bytes: [UInt8]) -> Int? {
        let names = path.split(whereSeparator: { ".[]".contains($0) }).filter { !$0.allSatisfy(\.isNumber) }
        guard !names.isEmpty else { return nil }
        var position = 0
        for name in names {
            guard let found = find(Array("\"\(name)\"".utf8), in: bytes, from: position) else { return nil }
            position = found
        }
        return line(ofOffset: position, in: bytes)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
