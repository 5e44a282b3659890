import Foundation

/// Runs `body` on a thread of its own, handing what it yields to the caller through a queue of at
/// most `depth` items: the staging merges its runs there while the writing thread writes the chunks
/// before (`SaleStaging.drain`).
final class ProducerThread<Item: Sendable, Outcome: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var ready: [Item] = []
    private var ended: Result<Outcome, any Error>?
    private var isCancelled = false
    private var isRunning = true

    /// Starts `body` on a new thread named `name`. `body` hands each item to `yield`, which waits
    /// while the queue is full and answers false once the consumer gave up (the body should return).
    init(name: String, depth: Int, _ body: @escaping @Sendable (_ yield: (Item) -> Bool) throws -> Outcome) {
        self.depth = depth
        let thread = Thread { [self] in
            let outcome = Result { try body(self.hand) }
            condition.lock()
            ended = outcome
            isRunning = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// The next item, waiting for it; nil once the body returned, and every item was taken. Throws
    /// what the body threw.
    func next() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && isRunning { condition.wait() }
        if !ready.isEmpty {
            condition.broadcast()
            return ready.removeFirst()
        }
        _ = try ended?.get()
        return nil
    }

    /// What the body returned; nil before `next()` returned nil.
    var outcome: Outcome? {
        condition.lock()
        defer { condition.unlock() }
        if case .success(let outcome) = ended { return outcome }
        return nil
    }

    /// Stops the producer (when the consumer failed) and waits until its thread has ended.
    func finish() {
        condition.lock()
        isCancelled = true
        condition.broadcast()
        while isRunning { condition.wait() }
        condition.unlock()
    }

    private func hand(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= depth && !isCancelled { condition.wait() }
        if isCancelled { return false }
        ready.append(item)
        condition.broadcast()
        return true
    }
}
