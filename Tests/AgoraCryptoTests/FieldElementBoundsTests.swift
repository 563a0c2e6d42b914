import Testing
@testable import AgoraCrypto

/// The debug-build checks of `FieldElement`'s limb bounds really run in the tests, although
/// AgoraCrypto is compiled with `-O` (where `assert` would be compiled out). Each case runs in a
/// child process that must stop. Exit tests start the test binary again, so
/// `scripts/check/openssl35`, which runs the binary under another loader, skips this suite.
#if DEBUG
@Suite struct FieldElementBoundsTests {
    @Test func subtractingMoreThanFourPStops() async {
        await #expect(processExitsWith: .failure) {
            // A limb of 2^53 exceeds 4p's (2^53 − 4): a + 4p − b would wrap around.
            _ = FieldElement.one - FieldElement(l0: 0, l1: 1 << 53, l2: 0, l3: 0, l4: 0)
        }
    }

    @Test func subtractingFromAnOversizedMinuendStops() async {
        await #expect(processExitsWith: .failure) {
            _ = FieldElement(l0: 1 << 55, l1: 0, l2: 0, l3: 0, l4: 0) - FieldElement.one
        }
    }

    @Test func multiplyingAnOversizedFactorStops() async {
        await #expect(processExitsWith: .failure) {
            _ = FieldElement(l0: 0, l1: 0, l2: 0, l3: 0, l4: 1 << 56) * FieldElement.one
        }
        await #expect(processExitsWith: .failure) {
            _ = FieldElement(l0: 1 << 56, l1: 0, l2: 0, l3: 0, l4: 0).squared()
        }
    }

    /// The largest values the bounds allow still compute the right result.
    @Test func valuesAtTheBoundsAreAccepted() {
        let edge = FieldElement.fourP
        #expect(FieldElement.zero - edge == .zero)
        let large = FieldElement(l0: (1 << 55) - 1, l1: (1 << 55) - 1, l2: (1 << 55) - 1, l3: (1 << 55) - 1, l4: (1 << 55) - 1)
        #expect((large - .one) + .one == large)
        #expect(large * .one == large.carried())
    }
}
#endif
