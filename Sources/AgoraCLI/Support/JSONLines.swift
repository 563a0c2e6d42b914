import AgoraCore

/// Splitting JSON Lines input: one document per line, blank lines skipped, a final newline optional.
public enum JSONLines {
    /// The non-blank lines with their 1-based line numbers, without the newline (and without a `\r` before it).
    public static func split(_ bytes: [UInt8]) -> [(number: Int, bytes: [UInt8])] {
        var result: [(number: Int, bytes: [UInt8])] = []
        var number = 0
        for slice in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var line = Array(slice)
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            result.append((number, line))
        }
        return result
    }

    /// The documents of an input that is either one JSON document (perhaps spread over lines)
    /// or JSON Lines: a multi-line input that parses whole is one document.
    public static func documents(_ bytes: [UInt8]) -> [(number: Int, bytes: [UInt8])] {
        let lines = split(bytes)
        guard lines.count > 1, (try? CanonicalJSON.decode(lines[0].bytes)) == nil else { return lines }
        var whole = bytes
        while let last = whole.last, last == 0x0A || last == 0x0D || last == 0x20 { whole.removeLast() }
        return (try? CanonicalJSON.decode(whole)) != nil ? [(1, whole)] : lines
    }
}
