/// The coalition's theme taxonomy: five principles (level 1) and their level-2 themes.
///
/// Records name level-2 theme ids in `themes`. The normative copy is `protocol/taxonomy.json`;
/// this table is checked against it by the tests.
public enum Taxonomy {
    /// A level-1 principle.
    public struct Principle: Sendable, Hashable {
        /// Its id, e.g. `transparency`.
        public let id: String
        /// Its label per language tag (at least `en`, `sq`, `bg`, `ro`).
        public let labels: [String: String]
        /// Its level-2 themes.
        public let themes: [Theme]
    }

    /// A level-2 theme.
    public struct Theme: Sendable, Hashable {
        /// Its id, `<principle>/<theme>`, e.g. `transparency/open-data`.
        public let id: String
        /// Its label per language tag.
        public let labels: [String: String]
        /// The id of its principle.
        public var principle: String { String(id.prefix { $0 != "/" }) }
    }

    /// The format version of `protocol/taxonomy.json`.
    public static let formatVersion = 1

    /// The level-2 theme with this id, if any.
    public static func theme(_ id: String) -> Theme? { themesByID[id] }

    /// Every level-2 theme, in taxonomy order.
    public static var themes: [Theme] { principles.flatMap(\.themes) }

    static let themesByID: [String: Theme] = Dictionary(uniqueKeysWithValues: principles.flatMap(\.themes).map { ($0.id, $0) })

    /// The taxonomy as the JSON of `protocol/taxonomy.json`, without its `description`.
    public static var json: JSONValue {
        func labels(_ l: [String: String]) -> JSONValue { .object(l.mapValues { .string($0) }) }
        return .object([
            "format": .number(Double(formatVersion)),
            "principles": .array(principles.map { p in
                .object(["id": .string(p.id), "labels": labels(p.labels),
                         "themes": .array(p.themes.map { .object(["id": .string($0.id), "labels": labels($0.labels)]) })])
            }),
        ])
    }
}
