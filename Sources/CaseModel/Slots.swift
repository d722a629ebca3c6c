/// One slot per item of work, written by whichever thread does it: each slot by
/// one thread only, so no lock is needed, and read once every thread has ended.
/// For `concurrentPerform` loops that must give their results in order (case
/// files, spreadsheet rows, the report's figures). Here, below every stage, so
/// that loading and rendering share it.
public final class Slots<Item>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Item>

    public init(count: Int, empty: Item) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: empty)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    public subscript(index: Int) -> Item {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    public var all: [Item] { Array(buffer) }
}
