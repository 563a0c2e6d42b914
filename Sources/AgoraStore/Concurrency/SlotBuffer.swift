/// A fixed number of slots that `DispatchQueue.concurrentPerform` iterations fill and read,
/// each iteration at indices of its own.
///
/// Not an array: threads writing one shared array each make a mutating access to it, and an
/// array that some thread holds a second reference to is copied on write (and the write lost).
/// The slots are allocated and initialized once and never move.
final class SlotBuffer<Element: Sendable>: @unchecked Sendable {
    // @unchecked: concurrent callers touch distinct indices (the callers' contract), and
    // `values` is read only after the concurrent work has returned.
    private let slots: UnsafeMutableBufferPointer<Element>

    /// `count` slots, each holding `initial`.
    init(count: Int, initial: Element) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    var count: Int { slots.count }

    subscript(index: Int) -> Element {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    /// A copy of every slot, in order.
    var values: [Element] { Array(slots) }
}
