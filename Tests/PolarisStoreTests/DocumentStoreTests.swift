import Foundation
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Testing

/// Documents written and read through the generated types on a real SQLite database.
struct DocumentStoreTests {
    func newProject(_ store: any Store, _ name: String = "Site", owner: String = "alice") throws -> Id<Project> {
        try store.write { db in try db.insert(Project.new(name: name, ownerId: owner, updatedAt: 1)) }
    }

    @Test(arguments: StoreKind.allCases) func insertAssignsSystemFieldsAndGetReadsBack(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let id = try newProject(store)
        let project = try #require(try store.read { db in try db.get(id) })
        #expect(project.name == "Site")
        #expect(project._id == id)
        #expect(project._creationTime > 1_600_000_000_000)
        #expect(DocumentIDs.belongs(id.rawValue, to: "projects"))
        #expect(!DocumentIDs.belongs(id.rawValue, to: "files"))
    }

    @Test(arguments: StoreKind.allCases) func patchReplaceAndDelete(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let id = try newProject(store)
        let created = try #require(try store.read { db in try db.get(id) })
        try store.write { db in try db.patch(id) { $0.name = "Renamed"; $0.importStatus = .importing } }
        var project = try #require(try store.read { db in try db.get(id) })
        #expect(project.name == "Renamed")
        #expect(project.importStatus == .importing)
        #expect(project._creationTime == created._creationTime)
        project.importStatus = nil
        try store.write { db in try db.replace(project) }
        #expect(try store.read { db in try db.get(id) }?.importStatus == nil)
        try store.write { db in try db.delete(id) }
        #expect(try store.read { db in try db.get(id) } == nil)
        #expect(throws: DocumentNotFound.self) { try store.write { db in try db.delete(id) } }
    }

    @Test(arguments: StoreKind.allCases) func everyWriteIsValidatedWithThePathOfTheBadValue(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        let bad = Value.object([
            "projectId": .string(project.rawValue), "name": .string("a"), "type": .string("symlink"), "updatedAt": .float64(1),
        ])
        #expect { try store.write { db in try db.insert(table: "files", fields: bad) } } throws: {
            ($0 as? StoreError)?.description == #"a document of 'files' is invalid: type: expected "file" | "folder", got string"#
        }
        #expect(try store.read { db in try db.query(File.self).collect() }.isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func anIdOfAnotherTableIsRefusedEvenWhenForged(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        let forged = Value.object([
            "projectId": .string(DocumentIDs.make(table: "files")), "name": .string("a"), "type": .string("file"),
            "updatedAt": .float64(1),
        ])
        #expect { try store.write { db in try db.insert(table: "files", fields: forged) } } throws: {
            ($0 as? StoreError)?.description.contains("projectId: expected an ID of table 'projects'") == true
        }
        let madeUp = Value.object([
            "projectId": .string("not-an-id"), "name": .string("a"), "type": .string("file"), "updatedAt": .float64(1),
        ])
        #expect(throws: StoreError.self) { try store.write { db in try db.insert(table: "files", fields: madeUp) } }
        #expect(try store.read { db in try db.get(Id<File>(project.rawValue)) } == nil)
    }

    @Test(arguments: StoreKind.allCases) func typedWritesAreValidatedTooAndLeaveNothingHalfWritten(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        let forged = Id<Project>(DocumentIDs.make(table: "files"))
        #expect { try store.write { db in try db.insert(File.new(projectId: forged, name: "a", type: .file, updatedAt: 1)) } } throws: {
            ($0 as? StoreError)?.description.contains("projectId: expected an ID of table 'projects'") == true
        }
        let file = try store.write { db in try db.insert(File.new(projectId: project, name: "a", type: .file, updatedAt: 1)) }
        #expect { try store.write { db in try db.patch(file) { $0.name = "b"; $0.projectId = forged } } } throws: {
            ($0 as? StoreError)?.description.contains("projectId: expected an ID of table 'projects'") == true
        }
        #expect(throws: StoreError.unstorable(field: "updatedAt", reason: "a number column cannot store NaN")) {
            try store.write { db in try db.patch(file) { $0.name = "c"; $0.updatedAt = .nan } }
        }
        let stored = try #require(try store.read { db in try db.get(file) })
        #expect(stored.name == "a" && stored.projectId == project && stored.updatedAt == 1)
    }

    @Test(arguments: StoreKind.allCases) func aReplaceIgnoresOnlyTheSystemFields(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let id = try newProject(store)
        let columns = ["name", "ownerId", "userId", "updatedAt", "importStatus", "exportStatus", "exportRepoUrl"]
        let values: [Value?] = [.string("B"), .string("alice"), nil, .float64(2), nil, nil, nil]
        let stray = StoredDocument(names: ["stray", "_creationTime"] + columns, values: [.string("x"), .float64(1)] + values)
        #expect { try store.write { db in
            try db.replace(table: "projects", current: try #require(try db.get(table: "projects", id: id.rawValue)), fields: stray)
        } } throws: { ($0 as? StoreError)?.description.contains("unexpected field 'stray'") == true }
        let system = StoredDocument(names: ["_id", "_creationTime"] + columns, values: [.string(id.rawValue), .float64(1)] + values)
        try store.write { db in
            try db.replace(table: "projects", current: try #require(try db.get(table: "projects", id: id.rawValue)), fields: system)
        }
        #expect(try store.read { db in try db.get(id) }?.name == "B")
    }

    @Test(arguments: StoreKind.allCases) func patchesOfAnySetOfColumnsWriteThoseColumns(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        let file = try store.write { db in
            try db.insert(File.new(projectId: project, name: "a", type: .file, content: "x", updatedAt: 1))
        }
        try store.write { db in try db.patch(file) { $0.name = "b" } }
        try store.write { db in try db.patch(file) { $0.updatedAt = 2 } }
        try store.write { db in try db.patch(file) { $0.name = "c"; $0.content = nil; $0.updatedAt = 3 } }
        try store.write { db in try db.patch(file) { _ in } }
        let stored = try #require(try store.read { db in try db.get(file) })
        #expect(stored.name == "c" && stored.content == nil && stored.updatedAt == 3 && stored.type == .file)
        let byName = try store.read { db in
            try db.query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(nil) }.collect().map(\.name)
        }
        #expect(byName == ["c"], "the index follows the patched columns")
    }

    @Test func idsStayDistinctAndTiedToTheirTableAcrossManyDraws() {
        let ids = (0..<2_000).map { DocumentIDs.make(table: $0.isMultiple(of: 2) ? "files" : "projects") }
        #expect(Set(ids).count == ids.count)
        for (offset, id) in ids.enumerated() {
            #expect(DocumentIDs.belongs(id, to: offset.isMultiple(of: 2) ? "files" : "projects"))
            #expect(!DocumentIDs.belongs(id, to: offset.isMultiple(of: 2) ? "projects" : "files"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aMutationThatThrowsLeavesNoTrace(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { db in
                _ = try db.insert(Project.new(name: "Gone", ownerId: "alice", updatedAt: 1))
                #expect(try db.query(Project.self).collect().count == 1, "a mutation reads its own writes")
                throw Stop()
            }
        }
        #expect(try store.read { db in try db.query(Project.self).collect() }.isEmpty)
        _ = try newProject(store)
        #expect(try store.read { db in try db.query(Project.self).collect() }.count == 1, "the next mutation commits")
    }

    @Test(arguments: StoreKind.allCases) func indexRangesFollowConvexOrderAndAskForAbsentFields(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        let (folder, files) = try store.write { db in
            let folder = try db.insert(File.new(projectId: project, name: "src", type: .folder, updatedAt: 1))
            var files: [Id<File>] = []
            for name in ["b.ts", "a.ts", "c.ts"] {
                files.append(try db.insert(File.new(projectId: project, parentId: folder, name: name, type: .file, updatedAt: 1)))
            }
            files.append(try db.insert(File.new(projectId: project, name: "README.md", type: .file, updatedAt: 1)))
            return (folder, files)
        }
        try store.read { db in
            let root = try db.query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(nil) }.collect()
            #expect(root.map(\.name) == ["src", "README.md"])
            let inFolder = try db.query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(folder) }
                .order(.descending).collect()
            #expect(inFolder.map(\._id) == files[0..<3].reversed())
            // The whole index: absent parentId sorts before every ID.
            let all = try db.query(File.self).withIndex(.byParent).collect()
            #expect(all.prefix(2).map(\.parentId) == [nil, nil])
            #expect(try db.query(File.self).withIndex(.byProject) { $0.eq(project) }.take(2).count == 2)
            #expect(try db.query(File.self).filter { $0.name.hasSuffix(".ts") }.first()?.name == "b.ts")
            #expect(throws: QueryError.self) {
                try db.query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(folder) }.unique()
            }
            #expect(try db.query(File.self).withIndex(.byId) { $0.eq(files[1]) }.unique()?.name == "a.ts")
        }
    }

    @Test(arguments: StoreKind.allCases) func rangeBoundsOnTheFieldAfterTheEqualities(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        let project = try newProject(store)
        try store.write { db in
            for time in [10.0, 20.0, 30.0, 40.0] {
                _ = try db.insert(GenerationEvent.new(projectId: project, type: .info, message: "m\(Int(time))", createdAt: time))
            }
        }
        let messages = try store.read { db in
            try db.query(GenerationEvent.self).withIndex(.byProjectCreatedAt) { $0.eq(project).gt(10).lte(30) }
                .order(.descending).collect().map(\.message)
        }
        #expect(messages == ["m30", "m20"])
    }

    @Test(arguments: StoreKind.allCases) func paginationSurvivesInsertsBetweenPages(_ kind: StoreKind) throws {
        let store = try kind.open(PolarisDatabase.self)
        for index in 0..<5 { _ = try newProject(store, "p\(index)") }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        while true {
            let page = try store.read { db in
                try db.query(Project.self).withIndex(.byOwner) { $0.eq("alice") }
                    .paginate(PaginationOptions(numItems: 2, cursor: cursor))
            }
            seen += page.page.map(\.name)
            pages += 1
            if pages == 1 { _ = try newProject(store, "late") }
            if page.isDone { break }
            cursor = page.continueCursor
        }
        #expect(seen == ["p0", "p1", "p2", "p3", "p4", "late"])
        let whole = try store.read { db in try db.query(Project.self).paginate(PaginationOptions(numItems: 1e300)) }
        #expect(whole.page.count == 6 && whole.isDone)
        #expect(throws: QueryError.self) {
            try store.read { db in try db.query(Project.self).paginate(PaginationOptions(numItems: 1, cursor: "garbage")) }
        }
    }
}
