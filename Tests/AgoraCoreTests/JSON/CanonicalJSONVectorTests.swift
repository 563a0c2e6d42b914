import AgoraTesting
import Foundation
import Testing
@testable import AgoraCore

/// The RFC 8785 reference vectors in ../shared/vectors/jcs, byte for byte.
@Suite struct CanonicalJSONVectorTests {
    static let vectorNames = ["arrays", "french", "structures", "unicode", "values", "weird"]

    @Test(arguments: vectorNames)
    func inputCanonicalizesToExpectedOutput(name: String) throws {
        guard let input = try ExternalVectors.url("jcs/input/\(name).json"),
              let output = try ExternalVectors.url("jcs/output/\(name).json") else { return }
        let canonical = try CanonicalJSON.canonicalize(Array(try Data(contentsOf: input)))
        let expected = Array(try Data(contentsOf: output))
        #expect(canonical == expected, "\(name): \(String(decoding: canonical, as: UTF8.self))")
        #expect(try CanonicalJSON.canonicalize(canonical) == canonical, "canonical form must be a fixed point")
    }

    @Test func everyInputFileHasATest() throws {
        guard let folder = try ExternalVectors.url("jcs/input") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(names == Self.vectorNames)
    }

    @Test func allNumbersFormatAsECMAScript() throws {
        guard let url = try ExternalVectors.url("jcs/numbers.txt") else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10_028)
        var failures: [String] = []
        for line in lines {
            let fields = line.split(separator: ",", maxSplits: 1)
            guard fields.count == 2, let bits = UInt64(fields[0], radix: 16) else {
                failures.append("malformed line: \(line)")
                continue
            }
            let value = Double(bitPattern: bits)
            let formatted = ECMAScriptNumber.format(value)
            if formatted != fields[1] { failures.append("\(fields[0]): got \(formatted), want \(fields[1])") }
            // Every expected text must parse back to the same double (-0 prints as 0).
            let parsed = try CanonicalJSON.decode(Array(fields[1].utf8))
            if parsed != .number(value) { failures.append("\(fields[1]) parsed as \(parsed)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}
