import Foundation
import PolarisRuntime

/// Document IDs of the form the store makes, one fixed set per test run.
enum TestIDs {
    /// An ID of `table`, the same for the same `name` during a run.
    static func of(_ table: String, _ name: String) -> String {
        lock.withLock {
            let key = "\(table)/\(name)"
            if let id = made[key] { return id }
            let id = DocumentIDs.make(table: table)
            made[key] = id
            return id
        }
    }

    /// A typed ID of `Model`'s table, the same for the same `name` during a run.
    static func of<Model: Document>(_ model: Model.Type, _ name: String) -> Id<Model> {
        Id(of(Model.tableName, name))
    }

    nonisolated(unsafe) private static var made: [String: String] = [:]
    private static let lock = NSLock()
}
