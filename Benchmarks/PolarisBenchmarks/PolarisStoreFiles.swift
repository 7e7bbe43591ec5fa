import Foundation
import PolarisGenerated
import PolarisRuntime

/// The same work through Polaris: the generated `File` model, typed queries, and a mutation
/// called by path through a `FunctionRunner`, as a server calls it.
struct PolarisStoreFiles {
    let store: any Store

    /// All samples in one mutation; the store makes the IDs and creation times.
    func insert(_ samples: [FileSamples.Sample]) throws {
        try store.write { db in
            for sample in samples {
                _ = try db.insert(File.new(
                    projectId: Id(sample.projectId), parentId: Id(sample.parentId), name: sample.name, type: .file,
                    content: sample.content, updatedAt: sample.updatedAt))
            }
        }
    }

    /// Lookups through the typed `by_project_parent` query, in one read.
    func read(_ lookups: [(projectId: String, parentId: String)]) throws -> Int {
        try store.read { db in
            var count = 0
            for lookup in lookups {
                count += try db.query(File.self)
                    .withIndex(.byProjectParent) { $0.eq(Id(lookup.projectId)).eq(Id(lookup.parentId)) }
                    .collect().count
            }
            return count
        }
    }

    /// The IDs of the first `count` files.
    func ids(_ count: Int) throws -> [Id<File>] {
        try store.read { db in try db.query(File.self).take(count).map(\._id) }
    }

    /// `bench:rename` through the registry for each ID: arguments validated and decoded, the
    /// file read, changed and validated whole, the result checked; one transaction each.
    func renameEachThroughRegistry(_ ids: [Id<File>]) throws {
        let runner = FunctionRunner(registry: Self.registry, store: store, internalKey: nil)
        for (index, id) in ids.enumerated() {
            _ = try runner.run(
                "bench:rename",
                arguments: .object([
                    "id": .string(id.rawValue), "name": .string("renamed-\(index).swift"),
                    "updatedAt": .float64(Double(index)),
                ]),
                identity: nil)
        }
    }

    /// One mutation, registered as generated `register(in:)` code does.
    static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        registry.mutation(
            "bench:rename", access: .public,
            arguments: .object([.init("id", .id(table: "files")), .init("name", .string), .init("updatedAt", .number)]),
            returns: .null
        ) { context, arguments in
            var object = try ObjectDecoder(arguments)
            let id: Id<File> = try object.required("id")
            let name: String = try object.required("name")
            let updatedAt: Double = try object.required("updatedAt")
            try object.finish()
            try context.db.patch(id) {
                $0.name = name
                $0.updatedAt = updatedAt
            }
            return .null
        }
        return registry
    }()
}
