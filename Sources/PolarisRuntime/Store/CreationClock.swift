import Foundation

/// Creation times: the wall clock in milliseconds, but always after the last
/// one given, so `_creationTime` orders a table's documents strictly. Times
/// are whole ticks of 1/4096 ms (the spacing of doubles near today's
/// milliseconds since the epoch). Several servers writing one database each
/// take the ticks of their own residue (`node` of `nodes`), so no two of
/// them ever give the same time.
package final class CreationClock: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: Int64
    private let node: Int64
    private let nodes: Int64
    private static let ticksPerMillisecond = 4096.0

    /// A clock after `latest` (milliseconds), giving the ticks `node` of `nodes`.
    package init(latest: Double, node: Int = 0, of nodes: Int = 1) {
        self.latest = Int64((latest * Self.ticksPerMillisecond).rounded(.up))
        self.node = Int64(node)
        self.nodes = Int64(nodes)
    }

    package func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down) * Self.ticksPerMillisecond)
        var next = max(now, latest + 1)
        next += ((node - next % nodes) % nodes + nodes) % nodes
        latest = next
        return Double(next) / Self.ticksPerMillisecond
    }
}
