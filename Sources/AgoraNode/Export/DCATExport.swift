import AgoraCore

/// A DCAT-AP 3 catalog of records, as JSON-LD.
///
/// Mapping (see `docs/EXPORT.md`): the node's catalog is one `dcat:Catalog`; each record that
/// is not deleted is one `dcat:Dataset`, because DCAT-AP's mandatory dataset properties (title,
/// description) and its recommended ones (theme, keyword, publisher, temporal coverage, language,
/// licence on the distribution, contact point, landing page) all have a natural source in a
/// record, and harvesters such as data.europa.eu read datasets. The record's JSON from the node's
/// API is its `dcat:Distribution`. Multilingual text is an array of `{"@value", "@language"}`.
/// Agora's own terms (kind, stage, illustrative) use the `agora:` namespace under the base URL.
public struct DCATExport: Sendable {
    /// The node's public base URL, e.g. `https://agora.tirana.al` (no trailing slash).
    public var baseURL: String
    /// The catalog's title, by language.
    public var title: [String: String]
    /// The catalog's description, by language.
    public var description: [String: String]
    /// The publishing city's id and display name.
    public var publisher: (id: String, name: String)

    public init(baseURL: String, title: [String: String], description: [String: String], publisher: (id: String, name: String)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.title = title
        self.description = description
        self.publisher = publisher
    }

    /// The JSON-LD `@context`.
    public var context: JSONValue {
        .object([
            "dcat": .string("http://www.w3.org/ns/dcat#"), "dct": .string("http://purl.org/dc/terms/"),
            "foaf": .string("http://xmlns.com/foaf/0.1/"), "vcard": .string("http://www.w3.org/2006/vcard/ns#"),
            "xsd": .string("http://www.w3.org/2001/XMLSchema#"), "skos": .string("http://www.w3.org/2004/02/skos/core#"),
            "rdfs": .string("http://www.w3.org/2000/01/rdf-schema#"), "agora": .string(baseURL + "/ns#"),
        ])
    }

    /// The whole catalog document for `records`.
    public func catalog(_ records: [RecordView]) -> JSONValue {
        document(datasets: records.compactMap(dataset))
    }

    /// The catalog document around `datasets` (the streamed export splits it at the datasets).
    func document(datasets: [JSONValue]) -> JSONValue {
        var catalog = catalogNode
        catalog["@context"] = context
        catalog["dcat:dataset"] = .array(datasets)
        return .object(catalog)
    }

    /// The catalog's own properties, without `@context` or datasets.
    public var catalogNode: [String: JSONValue] {
        [
            "@id": .string(baseURL + "/catalog"), "@type": .string("dcat:Catalog"),
            "dct:title": Self.literals(title), "dct:description": Self.literals(description),
            "dct:publisher": agent(publisher.id, name: publisher.name),
            "dcat:themeTaxonomy": .object([
                "@id": .string(taxonomyURL), "@type": .string("skos:ConceptScheme"),
                "dct:title": Self.literals(["en": "Cities Coalition for Digital Rights: principles and themes"]),
            ]),
            "foaf:homepage": Self.typed(baseURL + "/", "foaf:Document"),
        ]
    }

    /// The theme taxonomy's concept scheme: `<base>/taxonomy` (`protocol/taxonomy.json`).
    var taxonomyURL: String { baseURL + "/taxonomy" }

    /// The dataset of one record, or nil for a record that is deleted or has no content of its own.
    public func dataset(_ record: RecordView) -> JSONValue? {
        guard record.isListed else { return nil }
        let page = baseURL + "/records/" + record.id
        var node: [String: JSONValue] = [
            "@id": .string(page), "@type": .string("dcat:Dataset"),
            "dct:identifier": .string(record.id),
            "dct:title": Self.literals(record.text("title")),
            "dct:description": Self.literals(record.text("summary")),
            "dcat:landingPage": Self.typed(page, "foaf:Document"),
            "dct:publisher": agent(record.string("city") ?? "", name: record.string("city") ?? ""),
            "dcat:distribution": .array([distribution(record)]),
            "agora:illustrative": .bool(record.document["illustrative"]?.boolValue ?? false),
        ]
        if let kind = record.string("kind") { node["agora:kind"] = .string(kind) }
        if let stage = record.string("stage") { node["agora:stage"] = .string(stage) }
        let themes = record.strings("themes")
        if !themes.isEmpty { node["dcat:theme"] = .array(themes.map(theme)) }
        let keywords = record.strings("tags")
        if !keywords.isEmpty { node["dcat:keyword"] = .array(keywords.map(JSONValue.string)) }
        let languages = Set(record.text("title").keys).union(record.text("summary").keys).sorted().compactMap(Self.languageURI)
        if !languages.isEmpty { node["dct:language"] = .array(languages.map { Self.typed($0, "dct:LinguisticSystem") }) }
        if let temporal = Self.temporal(record) { node["dct:temporal"] = temporal }
        if let contact = record.string("contact") {
            node["dcat:contactPoint"] = .object(["@type": .string("vcard:Organization"), "vcard:hasEmail": .object(["@id": .string("mailto:" + contact)])])
        }
        let sources = record.sources.map(Self.source)
        // foaf:page ("documentation"): DCAT-AP keeps dct:source for the datasets a dataset derives from.
        if !sources.isEmpty { node["foaf:page"] = .array(sources) }
        if let origin = record.string("adaptedFrom") { node["dct:relation"] = Self.typed(baseURL + "/records/" + origin, "rdfs:Resource") }
        return .object(node)
    }

    func distribution(_ record: RecordView) -> JSONValue {
        .object([
            "@type": .string("dcat:Distribution"),
            "dcat:accessURL": Self.typed(baseURL + "/api/v1/records/" + record.id, "rdfs:Resource"),
            "dcat:mediaType": Self.typed("http://www.iana.org/assignments/media-types/application/json", "dct:MediaType"),
            "dct:format": Self.typed("http://publications.europa.eu/resource/authority/file-type/JSON", "dct:MediaTypeOrExtent"),
            "dct:license": Self.typed(Self.licenceURI(record.string("licence") ?? "CC-BY-4.0"), "dct:LicenseDocument"),
        ])
    }

    /// A theme as a `skos:Concept` of the taxonomy, labelled in every language the taxonomy has.
    func theme(_ id: String) -> JSONValue {
        .object([
            "@id": .string(taxonomyURL + "#" + id), "@type": .string("skos:Concept"),
            "skos:inScheme": .object(["@id": .string(taxonomyURL)]),
            "skos:prefLabel": Self.literals(Taxonomy.theme(id)?.labels ?? ["en": id]),
        ])
    }

    /// A reference to `id` that says its class, as DCAT-AP's shapes ask of every referenced node.
    static func typed(_ id: String, _ type: String) -> JSONValue {
        .object(["@id": .string(id), "@type": .string(type)])
    }

    func agent(_ id: String, name: String) -> JSONValue {
        .object(["@id": .string(baseURL + "/cities/" + id), "@type": .string("foaf:Agent"), "foaf:name": .string(name)])
    }
}
