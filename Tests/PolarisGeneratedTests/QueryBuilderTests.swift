import PolarisGenerated
import PolarisRuntime
import Testing

/// The typed index ranges build exactly the plans Convex would run.
struct QueryBuilderTests {
    let database = RecordingDatabase()

    @Test func equalityOnAPrefixThenRangeOnCreationTime() throws {
        _ = try database.query(File.self)
            .withIndex(.byProjectParent) { $0.eq(Id("p1")).eq(nil).gt(5) }
            .order(.descending).collect()
        let plan = try #require(database.plans.last)
        #expect(plan.table == "files")
        #expect(plan.index == "by_project_parent")
        #expect(plan.order == .descending)
        #expect(plan.bounds.equalities == [
            .init(field: "projectId", value: .string("p1")),
            .init(field: "parentId", value: nil),
        ])
        #expect(plan.bounds.lower == .init(field: "_creationTime", value: .float64(5), isInclusive: false))
        #expect(plan.bounds.upper == nil)
    }

    @Test func lowerThenUpperBoundOnTheNextField() throws {
        _ = try database.query(GenerationEvent.self)
            .withIndex(.byProjectCreatedAt) { $0.eq(Id("p")).gte(10).lt(20) }
            .take(3)
        let plan = try #require(database.plans.last)
        #expect(plan.fields == ["projectId", "createdAt", "_creationTime"])
        #expect(plan.bounds.lower == .init(field: "createdAt", value: .float64(10), isInclusive: true))
        #expect(plan.bounds.upper == .init(field: "createdAt", value: .float64(20), isInclusive: false))
    }

    @Test func builtInIndexesAndTerminals() throws {
        database.answer = [Project.convexValue(of: Project(_id: Id("p"), _creationTime: 1, name: "n", ownerId: "o", updatedAt: 2))]
        let found = try database.query(Project.self).withIndex(.byId) { $0.eq(Id("p")) }.unique()
        #expect(found?.name == "n")
        #expect(database.plans.last?.index == "by_id")
        database.answer += database.answer
        _ = try database.query(Project.self).withIndex(.byCreationTime) { $0.gte(1).lte(2) }.first()
        #expect(database.plans.last?.index == "by_creation_time")
        #expect(database.visited == 1)
        _ = try database.query(Project.self).collect()
        #expect(database.plans.last == QueryPlan(table: "projects", index: "by_creation_time", fields: ["_creationTime"]))
        #expect(database.visited == 2)
        #expect(throws: QueryError.self) { try database.query(Project.self).withIndex(.byOwner) { $0.eq("o") }.unique() }
        database.answer = []
        let page = try database.query(Message.self).withIndex(.byConversation).paginate(PaginationOptions(numItems: 10))
        #expect(page.page.isEmpty && page.isDone)
    }

    @Test func insertTakesTheFieldsWithoutSystemFields() throws {
        let id = try database.insert(File.new(projectId: Id("p"), name: "a.txt", type: .file, content: "hi", updatedAt: 3))
        #expect(id == TestIDs.of(File.self, "new1"))
        #expect(database.inserted.first?.table == "files")
        #expect(database.inserted.first?.fields == .object([
            "projectId": .string("p"), "name": .string("a.txt"), "type": .string("file"), "content": .string("hi"),
            "updatedAt": .float64(3),
        ]))
    }
}
