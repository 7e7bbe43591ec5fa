import PolarisGenerated
import PolarisRuntime

/// `projects:*`: the caller's projects; creating one makes the caller's user
/// record on first use and enforces its project limit (-1: unlimited).
struct ProjectsBackend: ProjectsHandlers {
    /// The limit a new user starts with.
    static let defaultProjectLimit = 10.0

    func get(_ context: QueryContext, identity: Identity) throws -> [Project] {
        try context.db.query(Project.self).withIndex(.byOwner) { $0.eq(identity.subject) }.order(.descending).collect()
    }

    func getById(_ context: QueryContext, identity: Identity, _ arguments: ProjectsFunctions.GetByIdArgs) throws -> Project {
        try context.db.ownedProject(arguments.id, by: identity)
    }

    func create(_ context: MutationContext, identity: Identity, _ arguments: ProjectsFunctions.CreateArgs) throws -> Id<Project> {
        let db = context.db
        var user = try db.query(User.self).withIndex(.byStackUser) { $0.eq(identity.subject) }.first()
        if user == nil {
            let id = try db.insert(User.new(
                stackUserId: identity.subject, email: identity.email ?? "", subscriptionStatus: .free,
                subscriptionTier: .free, projectLimit: Self.defaultProjectLimit, createdAt: now(), updatedAt: now()))
            user = try db.get(id)
        }
        guard let user else { throw FunctionError.failed("the new user record is missing") }
        if user.projectLimit != -1 {
            let existing = try db.query(Project.self).withIndex(.byOwner) { $0.eq(identity.subject) }.collect()
            if Double(existing.count) >= user.projectLimit { throw ApplicationError("Project limit reached") }
        }
        return try db.insert(Project.new(name: arguments.name, ownerId: identity.subject, userId: user._id, updatedAt: now()))
    }

    func rename(_ context: MutationContext, identity: Identity, _ arguments: ProjectsFunctions.RenameArgs) throws {
        _ = try context.db.ownedProject(arguments.id, by: identity)
        try context.db.patch(arguments.id) {
            $0.name = arguments.name
            $0.updatedAt = now()
        }
    }
}
