import AgoraCore
import AgoraCrypto
import Foundation

/// The store benchmark's corpus: realistic multilingual records (about 1 KiB of content each),
/// one signed publish change per record, generated deterministically from a seed.
struct StoreCorpus: Sendable {
    static let coalition = "bench"
    /// (city, country, original language) of the corpus's cities.
    static let cities: [(String, String, String)] = [
        ("tirana", "AL", "sq"), ("sofia", "BG", "bg"), ("cluj", "RO", "ro"), ("amsterdam", "NL", "nl"),
        ("barcelona", "ES", "ca"), ("brussels", "BE", "fr"), ("dublin", "IE", "en"), ("madrid", "ES", "es"),
    ]
    static let words: [String: [String]] = [
        "en": "digital rights city open data portal citizens services privacy algorithm register public transparency participation inclusion literacy procurement standards software community platform municipality residents access budget pilot evaluation results lessons network cooperation accountability security governance innovation libraries schools training neighbourhood mobility housing health climate".split(separator: " ").map(String.init),
        "sq": "të dhëna hapura qytetarët bashkia shërbime digjitale privatësia transparenca pjesëmarrja portali qyteti publike algoritmet regjistri përfshirja komuniteti buxheti projekti rezultatet mësimet bashkëpunimi siguria qeverisja inovacioni bibliotekat shkollat trajnimi lagjja lëvizshmëria strehimi shëndeti klima".split(separator: " ").map(String.init),
        "bg": "цифровите права граждани община услуги данни отворени прозрачност участие поверителност алгоритми регистър обществени приобщаване общност бюджет проект резултати уроци сътрудничество сигурност управление иновации библиотеки училища обучение квартал мобилност жилища здраве климат".split(separator: " ").map(String.init),
        "ro": "guvernare deschisă date cetățeni primăria servicii digitale drepturi transparență participare confidențialitate algoritmi registru public incluziune comunitate buget proiect rezultate lecții cooperare securitate inovare biblioteci școli instruire cartier mobilitate locuințe sănătate climă".split(separator: " ").map(String.init),
        "nl": "digitale rechten gemeente open gegevens burgers diensten privacy algoritmeregister transparantie participatie inclusie gemeenschap begroting project resultaten lessen samenwerking veiligheid bestuur innovatie bibliotheken scholen opleiding wijk mobiliteit wonen gezondheid klimaat".split(separator: " ").map(String.init),
        "ca": "drets digitals ciutat dades obertes ciutadania serveis privadesa algoritmes registre transparència participació inclusió comunitat pressupost projecte resultats lliçons cooperació seguretat governança innovació biblioteques escoles formació barri mobilitat habitatge salut clima".split(separator: " ").map(String.init),
        "fr": "droits numériques ville données ouvertes citoyens services vie privée algorithmes registre transparence participation inclusion communauté budget projet résultats leçons coopération sécurité gouvernance innovation bibliothèques écoles formation quartier mobilité logement santé climat".split(separator: " ").map(String.init),
        "es": "derechos digitales ciudad datos abiertos ciudadanía servicios privacidad algoritmos registro transparencia participación inclusión comunidad presupuesto proyecto resultados lecciones cooperación seguridad gobernanza innovación bibliotecas escuelas formación barrio movilidad vivienda salud clima".split(separator: " ").map(String.init),
    ]
    static let themes = ["access/digital-literacy", "access/digital-inclusion", "privacy/data-protection", "privacy/cybersecurity",
                         "transparency/algorithm-register", "transparency/open-data", "participation/e-participation",
                         "participation/co-creation", "standards/open-source", "standards/procurement"]
    static let stages = ["idea", "pilot", "implementation", "evaluation", "scaling", "discontinued"]
    static let kinds = ["practice", "pilot", "toolkit"]

    let keys: [String: Ed25519.PrivateKey]
    let directory: KeyDirectory
    let signer = ChangeSigner(crypto: OpenSSLChangeCryptography())

    init() throws {
        var keys: [String: Ed25519.PrivateKey] = [:]
        for (city, _, _) in Self.cities { keys[city] = try Ed25519.PrivateKey(seed: SHA256.hash(Array("agora-bench-key:\(city)".utf8))) }
        self.keys = keys
        directory = try KeyDirectory(Self.cities.compactMap { city in keys[city.0].map { KeyDirectory.Entry(key: $0.publicKeyBytes, city: city.0) } })
    }

    /// Each language's vocabulary: its real words, then 400 compounds of them (rarer words).
    static let vocabulary: [String: [String]] = words.mapValues { list in
        list + list.prefix(40).flatMap { first in list.prefix(10).map { first + $0 } }
    }

    /// Text of `count` words in `language`, skewed towards the first words of its vocabulary (Zipf-like).
    static func text(_ language: String, _ count: Int, _ random: inout SplitMix64) -> String {
        let list = vocabulary[language] ?? vocabulary["en"] ?? ["digital"]
        return (0..<count).map { _ in list[Int(pow(random.nextUnit(), 2.5) * Double(list.count))] }.joined(separator: " ")
    }

    /// The record document of record number `n`.
    static func document(_ n: Int) -> JSONValue {
        var random = SplitMix64(seed: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
        let (city, country, language) = cities[n % cities.count]
        let kind = kinds[n % kinds.count]
        var title: [String: JSONValue] = ["en": .string(text("en", 6, &random).capitalized)]
        var summary: [String: JSONValue] = ["en": .string(text("en", 34, &random) + ".")]
        title[language] = .string(text(language, 6, &random).capitalized)
        summary[language] = .string(text(language, 34, &random) + ".")
        var fields: [String: JSONValue] = [
            "id": .string("\(city)/\(kind)/record-\(n)"), "kind": .string(kind), "city": .string(city),
            "country": .string(country), "originalLanguage": .string(language),
            "title": .object(title), "summary": .object(summary),
            "description": .object(["en": .string(text("en", 40, &random) + ".")]),
            "stage": .string(stages[Int(random.next() % UInt64(stages.count))]),
            "startDate": .string(String(2015 + Int(random.next() % 10))),
            "themes": .array(Set((0..<2).map { _ in themes[Int(random.next() % UInt64(themes.count))] }).sorted().map(JSONValue.string)),
            "tags": .array(Set((0..<3).map { _ in text("en", 1, &random) }).sorted().map(JSONValue.string)),
            "sources": .array([.object(["title": .string("Bench source \(n % 97)"), "seed": .string("bench_\(n % 97)")])]),
        ]
        if kind == "toolkit" { fields["format"] = .string("PDF guide") }
        return .object(fields)
    }

    /// The wire bytes of the publish change of record number `n`.
    func wire(_ n: Int) throws -> [UInt8] {
        let document = try RecordDocument(json: Self.document(n))
        guard let unsigned = RecordPublisher.change(for: document, from: RecordState(record: document.id),
                                                    coalition: Self.coalition, city: document.city,
                                                    hlc: HLCTimestamp(milliseconds: 1_700_000_000_000 + UInt64(n))),
              let key = keys[document.city] else { return [] }
        return try signer.sign(unsigned, key: key).change.wireBytes
    }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A uniform value in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// A whole number in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
