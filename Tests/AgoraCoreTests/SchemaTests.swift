import Foundation
import Testing
import AgoraTesting
@testable import AgoraCore

/// The JSON Schemas in `protocol/schemas/` describe what the Swift code checks.
@Suite struct SchemaTests {
    func schema(_ name: String) throws -> JSONValue {
        let url = ExternalVectors.projectRoot.appendingPathComponent("protocol/schemas/\(name).schema.json")
        return try CanonicalJSON.decode(Array(try Data(contentsOf: url)))
    }

    @Test func theRecordSchemaListsExactlyTheFieldTable() throws {
        let record = try schema("record")
        let properties = Set(record["properties"]?.objectValue?.keys.map { $0 } ?? [])
        #expect(properties == Set(RecordField.all.map(\.name)).union(RecordField.identityMembers))
        let required = Set((record["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        #expect(required == Set(RecordField.all.filter(\.isRequired).map(\.name)).union(RecordField.identityMembers))
        let themes = record["properties"]?["themes"]?["items"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(themes == Taxonomy.themes.map(\.id))
    }

    @Test func theChangeSchemaNamesTheHeaderMembersAndOperations() throws {
        let change = try schema("change")
        let header = change["$defs"]?["header"]
        #expect(Set(header?["properties"]?.objectValue?.keys.map { $0 } ?? []) == ChangeHeader.members)
        let types = (change["$defs"]?["operation"]?["oneOf"]?.arrayValue ?? []).compactMap { $0["properties"]?["op"]?["const"]?.stringValue }
        #expect(Set(types) == Set(Operation.knownTypes))
        #expect(header?["properties"]?["ops"]?["maxItems"] == .number(Double(ChangeLimits.defaultMaxOperations)))
    }

    @Test func theRecordSchemaHoldsTheCharacterRulesOfTheFieldTable() throws {
        let record = try schema("record")
        for field in RecordField.all where field.isText {
            let ref = record["properties"]?[field.name]?["$ref"]?.stringValue
            #expect(ref == (field.isMultiline ? "#/$defs/text" : "#/$defs/title"), "\(field.name)")
        }
        #expect(record["$defs"]?["title"]?["additionalProperties"]?["$ref"] == "#/$defs/line")
        #expect(record["$defs"]?["text"]?["additionalProperties"]?["$ref"] == "#/$defs/lines")
        for name in ["line", "lines"] {
            let definition = record["$defs"]?[name]
            #expect(definition?["maxLength"] == .number(Double(RecordField.maxStringBytes)))
            #expect(definition?["description"]?.stringValue?.contains("32,768 bytes of UTF-8") == true)
            #expect(definition?["pattern"]?.stringValue?.contains("\\u007f-\\u009f") == true)
        }
    }

    @Test func theOtherSchemasParse() throws {
        for name in ["key-directory", "state", "unsigned-change"] {
            #expect(try schema(name)["$schema"] != nil)
        }
    }
}
