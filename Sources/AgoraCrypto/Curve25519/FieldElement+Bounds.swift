/// The limb bounds the arithmetic of `FieldElement` relies on, checked in debug builds.
///
/// AgoraCrypto is compiled with `-O` even in debug builds (`Package.swift`), and `assert` is
/// compiled out under `-O`. So the checks are `precondition`s inside `#if DEBUG`: SwiftPM defines
/// `DEBUG` for the debug configuration whatever the optimisation level, which keeps them in every
/// debug build (the tests) and out of release builds (the node, the benchmarks).
/// `FieldElementBoundsTests` proves that they run.
extension FieldElement {
    /// The limbs of 4p, which `-` adds before it subtracts: a subtrahend's limbs must not exceed them.
    static let fourP = FieldElement(l0: 0x1f_ffff_ffff_ffb4, l1: 0x1f_ffff_ffff_fffc, l2: 0x1f_ffff_ffff_fffc,
                                    l3: 0x1f_ffff_ffff_fffc, l4: 0x1f_ffff_ffff_fffc)

    /// The bound of every limb in the point formulas (see the type's documentation).
    static let operandBound: UInt64 = 1 << 55

    /// The bound of a factor's limbs, below which the column sums of `*` stay below 2^128.
    static let factorBound: UInt64 = 1 << 56

    /// Whether every limb is below `bound`.
    func limbsAreBelow(_ bound: UInt64) -> Bool {
        l0 < bound && l1 < bound && l2 < bound && l3 < bound && l4 < bound
    }

    /// Whether `-` can subtract this without a limb going below zero.
    var isSubtrahend: Bool {
        l0 <= Self.fourP.l0 && l1 <= Self.fourP.l1 && l2 <= Self.fourP.l2 && l3 <= Self.fourP.l3 && l4 <= Self.fourP.l4
    }

    /// In debug builds, stops when `a − b` would leave the bounds (a limb of `b` above 4p's wraps around).
    @inline(__always)
    static func checkSubtraction(_ a: FieldElement, _ b: FieldElement) {
        #if DEBUG
        precondition(a.limbsAreBelow(operandBound) && b.isSubtrahend,
                     "FieldElement: \(a) − \(b) leaves the limb bounds (minuend below 2^55, subtrahend at most 4p)")
        #endif
    }

    /// In debug builds, stops when a factor of `*` or `squared()` has a limb of 2^56 or more.
    @inline(__always)
    static func checkFactor(_ a: FieldElement) {
        #if DEBUG
        precondition(a.limbsAreBelow(factorBound), "FieldElement: factor \(a) has a limb of 2^56 or more")
        #endif
    }
}
