import Foundation
import PolarisGenerated
import PolarisRuntime

/// The Polaris IDE's backend (the seed's Convex functions), on the
/// generated types: one handler type per module of `schema/polaris.yaml`.
public enum PolarisBackend {
    /// Every function of the schema, served by this backend's handlers.
    public static var registry: FunctionRegistry {
        FunctionRegistry(
            projects: ProjectsBackend(), files: FilesBackend(), conversations: ConversationsBackend(),
            messages: MessagesBackend(), generationEvents: GenerationEventsBackend(), system: SystemBackend())
    }

    /// A runner of this backend's functions on `store`, with the internal key of background jobs.
    public static func runner(store: any Store, internalKey: String?) -> FunctionRunner {
        FunctionRunner(registry: registry, store: store, internalKey: internalKey)
    }
}

/// Milliseconds since the epoch, as the seed's `Date.now()`.
func now() -> Double {
    (Date().timeIntervalSince1970 * 1000).rounded(.down)
}

extension DatabaseReader {
    /// The project, if the caller owns it: "Project not found" or "Unauthorized" otherwise.
    func ownedProject(_ id: Id<Project>, by identity: Identity) throws -> Project {
        guard let project = try get(id) else { throw FunctionError.notFound("Project not found") }
        guard project.ownerId == identity.subject else { throw FunctionError.unauthorized("Unauthorized") }
        return project
    }

    /// A project that must exist (for the internal API, which has no caller to check).
    func existingProject(_ id: Id<Project>) throws -> Project {
        guard let project = try get(id) else { throw FunctionError.notFound("Project not found") }
        return project
    }

    /// The file or folder, if the caller owns its project.
    func ownedFile(_ id: Id<File>, by identity: Identity) throws -> File {
        guard let file = try get(id) else { throw FunctionError.notFound("File not found") }
        _ = try ownedProject(file.projectId, by: identity)
        return file
    }

    /// The conversation, if the caller owns its project.
    func ownedConversation(_ id: Id<Conversation>, by identity: Identity) throws -> Conversation {
        guard let conversation = try get(id) else { throw FunctionError.notFound("Conversation not found") }
        _ = try ownedProject(conversation.projectId, by: identity)
        return conversation
    }

    /// The child of `parentId` (the top level when nil) named `name`, in `project`.
    func child(named name: String, of parentId: Id<File>?, in project: Id<Project>) throws -> File? {
        try query(File.self).withIndex(.byProjectParent) { $0.eq(project).eq(parentId) }
            .filter { $0.name == name }.first()
    }

    /// A new file or folder may go into `parentId` (the top level when nil)
    /// of `project`: the caller owns the project, and the parent is a folder of it.
    func checkPlaceForNewFile(_ parentId: Id<File>?, in project: Id<Project>, by identity: Identity) throws {
        _ = try ownedProject(project, by: identity)
        try checkedParent(parentId, in: project)
    }

    /// A folder of `project` that may hold new children: nil stays the top level.
    func checkedParent(_ parentId: Id<File>?, in project: Id<Project>) throws {
        guard let parentId else { return }
        guard let parent = try get(parentId), parent.projectId == project else {
            throw FunctionError.notFound("Parent folder not found")
        }
        guard parent.type == .folder else { throw ApplicationError("Parent is not a folder") }
    }
}
