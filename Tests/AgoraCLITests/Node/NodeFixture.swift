import AgoraTesting
import Foundation
@testable import AgoraCLI

/// A temporary working directory with an initialised node in `./node`.
struct NodeFixture {
    let directory: URL
    let city: String

    /// Inits a node for `city` (no seed catalog).
    static func make(city: String = "tirana", name: String = "Tirana", label: String = #function) async throws -> NodeFixture {
        let directory = try makeTemporaryDirectory(label)
        let fixture = NodeFixture(directory: directory, city: city)
        let result = await fixture.run(["init", "--city", city, "--name", name, "--country", "AL"])
        guard result.code == .success else { throw FixtureError(message: "init failed: \(result.err)") }
        return fixture
    }

    /// Runs `agora --dir node ARGS` in the fixture's directory.
    func run(_ arguments: [String], stdin: String = "") async -> RunResult {
        await runTool(["--dir", "node"] + arguments, stdin: Data(stdin.utf8), directory: directory)
    }

    /// Writes a file in the fixture's directory.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// The demo node definition `nodes/<city>` of the project.
    static func seedFolder(_ city: String) -> URL {
        ExternalVectors.projectRoot.appendingPathComponent("nodes/\(city)")
    }

    /// A valid practice document of Tirana.
    static func practice(slug: String = "open-data-portal", titleEN: String = "Open data portal",
                         extra: String = "") -> String {
        """
        {
          "id": "tirana/practice/\(slug)",
          "kind": "practice",
          "city": "tirana",
          "country": "AL",
          "originalLanguage": "sq",
          "title": {"sq": "Portali i të dhënave të hapura", "en": "\(titleEN)"},
          "summary": {"sq": "Bashkia publikon të dhënat statistikore.", "en": "The municipality publishes statistical data."},
          "stage": "implementation",
          "themes": ["transparency/open-data"],
          "tags": ["open data"],\(extra)
          "sources": [{"title": "Tirana open data", "seed": "001_216994fb3af8ac8c"}]
        }
        """
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
