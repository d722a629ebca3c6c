/// One slot per item of work, written by whichever thread does it: each slot by
/// one thread only, so no lock is needed. For `concurrentPerform` loops that must
/// give their results in order (case files, spreadsheet rows).
final class Slots<Item>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Item>

    init(count: Int, empty: Item) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: empty)
    }

    func set(_ index: Int, _ item: Item) { buffer[index] = item }

    var all: [Item] { Array(buffer) }

    func release() {
        buffer.deinitialize()
        buffer.deallocate()
    }
}
