import AgoraCore
import AgoraTesting
import Testing
@testable import AgoraStore

/// The writer reads a record's facets and search text straight from AgoraCore's merged state;
/// a merge that hands the store a JSON tree gets them from the tree. Both readings must agree
/// on every state, or search would depend on which merge stored the record.
@Suite struct IndexEntryTests {
    static let themes = ["transparency/open-data", "participation/co-creation", "privacy/data-protection"]

    @Test func entryReadFromTheMergedStateEqualsTheEntryReadFromItsJSONOverRandomHistories() throws {
        let fixtures = try CoreFixtures()
        let publishes = try fixtures.catalog()
        var rng = SplitMix64(seed: 0x1DE7_E4E7)
        var withContributions = 0, deleted = 0
        for publish in publishes {
            let record = publish.header.record
            var history = [publish]
            for step in 0..<Int.random(in: 0...8, using: &rng) {
                let state = RecordMerge.state(of: record, changes: history, directory: fixtures.directory)
                var author = record.city
                let operations: [UnsignedOperation]
                switch rng.below(8) {
                case 0: operations = [.set(field: "title", language: rng.pick(["en", "sq", "bg", "ro"]), value: .string("Të dhëna të hapura \(step)"))]
                case 1: operations = [.set(field: "summary", language: "en", value: .null)]
                case 2: operations = [.add(field: "themes", value: .string(rng.pick(Self.themes)))]
                case 3: operations = [.add(field: "tags", value: .string("цифрови права \(step)"))]
                case 4:
                    guard let (field, tags) = state.sets.filter({ !$0.value.isEmpty }).first.flatMap({ set in
                        set.value.first.map { (set.key, $0.value) } }) else { continue }
                    operations = [.remove(field: field, adds: tags)]
                case 5: operations = [rng.chance(0.5) ? .delete : .undelete]
                case 6: operations = [.set(field: "stage", language: nil, value: .string(rng.pick(["pilot", "scaling"])))]
                default:
                    author = rng.pick(CoreFixtures.cities.filter { $0 != record.city && $0 != "coalition" })
                    operations = [.contribute(entry: "adoption", language: nil,
                                              value: .object(["note": .object(["ro": .string("Adoptat de \(author): guvernare deschisă")])]))]
                }
                history.append(try fixtures.sign(record.description, city: author, hlc: 1_700_000_000_000 + UInt64(step), operations))
            }
            let state = RecordMerge.state(of: record, changes: history, directory: fixtures.directory)
            if !state.contributions.isEmpty { withContributions += 1 }
            if state.isDeleted { deleted += 1 }
            #expect(IndexEntry(state: state) == IndexEntry(state: state.json), "\(record) after \(history.count) changes")
        }
        #expect(publishes.count >= 30)
        #expect(withContributions > 0 && deleted > 0, "the histories exercise contributions and deletion")
    }
}
