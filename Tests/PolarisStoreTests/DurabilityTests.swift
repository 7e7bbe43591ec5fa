import Foundation
import PolarisGenerated
import PolarisRuntime
import Testing

/// A file store syncs every commit unless told otherwise, and keeps what it committed.
struct DurabilityTests {
    @Test(arguments: [(DocumentStore.Durability.full, 2), (.normal, 1)])
    func theWriterSyncsCommitsAsAsked(durability: DocumentStore.Durability, synchronous: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let id = try {
            let store = try DocumentStore(path: path, schema: PolarisDatabase.self, durability: durability)
            #expect(try store.synchronousSetting() == synchronous)
            return try store.write { db in try db.insert(Project.new(name: "Kept", ownerId: "alice", updatedAt: 1)) }
        }()
        let reopened = try DocumentStore(path: path, schema: PolarisDatabase.self)
        #expect(try reopened.synchronousSetting() == 2, "FULL is the default")
        #expect(try reopened.read { db in try db.get(id) }?.name == "Kept")
    }
}
