import AgoraCore
import AgoraNode
import Foundation

/// A node definition folder of the demo coalition (`nodes/<city>/`): `city.json`,
/// `catalog/*.json` and `adoptions.json` (see `nodes/README.md`).
struct SeedFolder {
    /// The largest `city.json` or `adoptions.json` read, in bytes.
    static let maximumBytes = 1_048_576

    let url: URL
    let name: String
    let cityID: String
    let cityName: String
    let country: String?
    /// The first of `languages` in `city.json`: the city's own language.
    let language: String?

    /// Reads `city.json`: `id`, `name` (a string or a language map; English is preferred), `country`.
    init(_ url: URL, name: String) throws {
        self.url = url
        self.name = name
        let city = try Self.json(url.appendingPathComponent("city.json"), name: "\(name)/city.json")
        guard let id = city["id"]?.stringValue else { throw CLIError.failure("\(name)/city.json: id: expected a city id") }
        let names = city["name"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        guard let display = city["name"]?.stringValue ?? names["en"] ?? names.sorted(by: { $0.key < $1.key }).first?.value else {
            throw CLIError.failure("\(name)/city.json: name: expected a string or a language map")
        }
        cityID = id
        cityName = display
        country = city["country"]?.stringValue
        language = city["languages"]?.arrayValue?.first?.stringValue
    }

    /// The catalog files, sorted by name.
    var catalogFiles: [(url: URL, name: String)] {
        let folder = url.appendingPathComponent("catalog")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { (folder.appendingPathComponent($0), "\(name)/catalog/\($0)") }
    }

    /// Publishes the catalog, then records the adoptions.
    func load(into node: LocalNode, context: CommandContext) async throws {
        _ = try await RecordFiles.publish(catalogFiles, into: node, context: context)
        let adoptions = url.appendingPathComponent("adoptions.json")
        guard FileManager.default.fileExists(atPath: adoptions.path) else { return }
        let list = try Self.json(adoptions, name: "\(name)/adoptions.json")
        guard let entries = list.arrayValue else { throw CLIError.failure("\(name)/adoptions.json: expected an array") }
        for (index, entry) in entries.enumerated() {
            guard let record = entry["record"]?.stringValue.flatMap(RecordID.init) else {
                throw CLIError.failure("\(name)/adoptions.json: [\(index)].record: expected a record id")
            }
            var body = entry.objectValue ?? [:]
            body["record"] = nil
            let result = try await node.adopt(record, adoption: .object(body))
            RecordFiles.describe(result, source: nil, verb: "adopted", context: context)
        }
    }

    private static func json(_ url: URL, name: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CLIError.environment("\(name): no such file") }
        guard data.count <= maximumBytes else { throw CLIError.failure("\(name): over \(maximumBytes) bytes") }
        do {
            return try CanonicalJSON.decode(Array(data))
        } catch {
            throw CLIError.failure("\(name): \(error)", cause: error)
        }
    }
}
