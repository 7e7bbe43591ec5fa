import PolarisGenerated
import PolarisRuntime

/// `conversations:*`: the AI conversations of a project the caller owns.
struct ConversationsBackend: ConversationsHandlers {
    func create(_ context: MutationContext, identity: Identity, _ arguments: ConversationsFunctions.CreateArgs) throws -> Id<Conversation> {
        _ = try context.db.ownedProject(arguments.projectId, by: identity)
        return try context.db.insert(Conversation.new(projectId: arguments.projectId, title: arguments.title, updatedAt: now()))
    }

    func getById(_ context: QueryContext, identity: Identity, _ arguments: ConversationsFunctions.GetByIdArgs) throws -> Conversation {
        try context.db.ownedConversation(arguments.id, by: identity)
    }

    func getByProject(_ context: QueryContext, identity: Identity, _ arguments: ConversationsFunctions.GetByProjectArgs) throws -> [Conversation] {
        _ = try context.db.ownedProject(arguments.projectId, by: identity)
        let conversations = try context.db.query(Conversation.self).withIndex(.byProject) { $0.eq(arguments.projectId) }.collect()
        return conversations.sorted { ($0.updatedAt, $0._creationTime) > ($1.updatedAt, $1._creationTime) }
    }

    func updateTitle(_ context: MutationContext, identity: Identity, _ arguments: ConversationsFunctions.UpdateTitleArgs) throws {
        _ = try context.db.ownedConversation(arguments.id, by: identity)
        try context.db.patch(arguments.id) {
            $0.title = arguments.title
            $0.updatedAt = now()
        }
    }
}
