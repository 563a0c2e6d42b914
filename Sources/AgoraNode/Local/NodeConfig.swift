import AgoraCore

/// The configuration of one node, stored as `node.json` in the node directory.
///
/// Paths are relative to the node directory. Members this version does not know are kept
/// in ``other`` and written back unchanged, so an older binary never drops a newer setting.
/// The format is specified in `docs/NODE-DIRECTORY.md`.
public struct NodeConfig: Sendable, Equatable {
    /// The format version this binary writes and reads.
    public static let currentFormat = 1
    /// The coalition id used when none is given.
    public static let defaultCoalition = "ccdr"
    /// How far ahead of our clock a change may be stamped before it waits (DESIGN: 5 minutes).
    public static let defaultMaxClockSkewSeconds = 300
    /// The largest configurable skew: one day.
    public static let maximumClockSkewSeconds = 86_400

    /// The `format` member.
    public var format: Int = NodeConfig.currentFormat
    /// The coalition this node belongs to; it is part of every signature.
    public var coalition: String = NodeConfig.defaultCoalition
    /// The member city this node speaks for: `tirana`.
    public var cityID: String
    /// The city's display name: `Tirana`.
    public var cityName: String
    /// ISO 3166-1 alpha-2 country code, `AL`, when known.
    public var country: String?
    /// The city's own language (BCP-47, `sq`), when known: `agora adopt` writes its note in it.
    public var language: String?
    /// The Ed25519 signing key file, relative to the directory.
    public var signingKeyPath = "keys/signing.key"
    /// The TLS certificate (PEM), relative to the directory.
    public var tlsCertificatePath = "tls/certificate.pem"
    /// The TLS private key (PEM, 0600), relative to the directory.
    public var tlsKeyPath = "tls/key.pem"
    /// The SQLite database, relative to the directory.
    public var databasePath = "agora.db"
    /// Allowed clock skew for incoming changes, in seconds.
    public var maxClockSkewSeconds = NodeConfig.defaultMaxClockSkewSeconds
    /// Members this version does not interpret (server and federation settings).
    public var other: [String: JSONValue] = [:]

    /// A configuration with default paths for a city.
    public init(cityID: String, cityName: String, country: String? = nil, coalition: String = NodeConfig.defaultCoalition) {
        self.cityID = cityID
        self.cityName = cityName
        self.country = country
        self.coalition = coalition
    }
}

extension NodeConfig {
    private static let known: Set<String> = [
        "format", "coalition", "city", "signingKey", "tls", "database", "maxClockSkewSeconds",
    ]

    /// Reads a configuration from its JSON form.
    ///
    /// - Throws: ``NodeError`` `.invalidConfig` naming the member path and what was expected.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue else { throw Self.invalid("", "an object") }
        let format = try Self.integer(json["format"], "format")
        guard format == Self.currentFormat else {
            throw NodeError(.invalidConfig, "node.json has format \(format); this agora reads format \(Self.currentFormat)"
                + (format > Self.currentFormat ? ": upgrade agora" : ""))
        }
        guard let city = json["city"], city.objectValue != nil else { throw Self.invalid("city", "an object") }
        self.init(cityID: try Self.string(city["id"], "city.id"), cityName: try Self.string(city["name"], "city.name"))
        country = try city["country"].map { try Self.string($0, "city.country") }
        language = try city["language"].map { try Self.string($0, "city.language") }
        if let language, !RecordField.isLanguageTag(language) { throw Self.invalid("city.language", "a BCP-47 language tag such as \"sq\"") }
        coalition = try Self.string(json["coalition"], "coalition")
        signingKeyPath = try Self.string(json["signingKey"], "signingKey")
        guard let tls = json["tls"], tls.objectValue != nil else { throw Self.invalid("tls", "an object") }
        tlsCertificatePath = try Self.string(tls["certificate"], "tls.certificate")
        tlsKeyPath = try Self.string(tls["key"], "tls.key")
        databasePath = try Self.string(json["database"], "database")
        if let skew = json["maxClockSkewSeconds"] {
            maxClockSkewSeconds = try Self.integer(skew, "maxClockSkewSeconds")
            guard (0...Self.maximumClockSkewSeconds).contains(maxClockSkewSeconds) else {
                throw Self.invalid("maxClockSkewSeconds", "0 to \(Self.maximumClockSkewSeconds)")
            }
        }
        other = object.filter { !Self.known.contains($0.key) }
    }

    /// The JSON form written to `node.json`.
    public var json: JSONValue {
        var city: [String: JSONValue] = ["id": .string(cityID), "name": .string(cityName)]
        if let country { city["country"] = .string(country) }
        if let language { city["language"] = .string(language) }
        var object = other
        object["format"] = .number(Double(format))
        object["coalition"] = .string(coalition)
        object["city"] = .object(city)
        object["signingKey"] = .string(signingKeyPath)
        object["tls"] = .object(["certificate": .string(tlsCertificatePath), "key": .string(tlsKeyPath)])
        object["database"] = .string(databasePath)
        object["maxClockSkewSeconds"] = .number(Double(maxClockSkewSeconds))
        return .object(object)
    }

    private static func invalid(_ path: String, _ expected: String) -> NodeError {
        NodeError(.invalidConfig, "node.json: \(path.isEmpty ? "the document" : path) must be \(expected)")
    }

    private static func string(_ value: JSONValue?, _ path: String) throws -> String {
        guard let text = value?.stringValue, !text.isEmpty else { throw invalid(path, "a non-empty string") }
        return text
    }

    private static func integer(_ value: JSONValue?, _ path: String) throws -> Int {
        guard let number = value?.numberValue, number == number.rounded(), abs(number) < 1e15 else {
            throw invalid(path, "an integer")
        }
        return Int(number)
    }
}
