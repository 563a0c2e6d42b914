import Foundation
import Testing
import AgoraTesting
@testable import AgoraCore

@Suite struct TaxonomyTests {
    @Test func theEmbeddedTableEqualsProtocolTaxonomyJSON() throws {
        let url = ExternalVectors.projectRoot.appendingPathComponent("protocol/taxonomy.json")
        var file = try CanonicalJSON.decode(Array(try Data(contentsOf: url)))
        guard case .object(var o) = file else { Issue.record("taxonomy.json is not an object"); return }
        o["description"] = nil
        file = .object(o)
        #expect(CanonicalJSON.encode(file) == CanonicalJSON.encode(Taxonomy.json))
    }

    @Test func itHasTheFivePrinciplesAndTheAgreedThemeIDs() {
        #expect(Taxonomy.principles.map(\.id) == ["access", "privacy", "transparency", "participation", "standards"])
        #expect(Taxonomy.principles[2].labels["en"] == "Transparency, accountability and non-discrimination of data, content and algorithms")
        #expect(Taxonomy.themes.map(\.id) == [
            "access/digital-literacy", "access/connectivity", "access/digital-inclusion", "access/accessible-services",
            "privacy/data-protection", "privacy/surveillance", "privacy/cybersecurity",
            "transparency/algorithm-register", "transparency/open-data", "transparency/ai-accountability",
            "transparency/non-discrimination",
            "participation/e-participation", "participation/co-creation", "participation/diversity-inclusion",
            "standards/open-source", "standards/procurement", "standards/interoperability",
            "standards/digital-rights-governance", "standards/human-rights-impact",
        ])
        for theme in Taxonomy.themes { #expect(Set(theme.labels.keys).isSuperset(of: ["en", "sq", "bg", "ro"])) }
        #expect(Taxonomy.theme("transparency/open-data")?.principle == "transparency")
    }
}
