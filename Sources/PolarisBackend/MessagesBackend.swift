import PolarisGenerated
import PolarisRuntime

/// `messages:*`: a conversation's messages; sending adds the user's message
/// and an assistant message in `processing` state for the background job.
struct MessagesBackend: MessagesHandlers {
    func getByConversation(_ context: QueryContext, identity: Identity, _ arguments: MessagesFunctions.GetByConversationArgs) throws -> [Message] {
        _ = try context.db.ownedConversation(arguments.conversationId, by: identity)
        return try context.db.query(Message.self).withIndex(.byConversation) { $0.eq(arguments.conversationId) }.collect()
    }

    func list(_ context: QueryContext, identity: Identity, _ arguments: MessagesFunctions.ListArgs) throws -> Page<Message> {
        _ = try context.db.ownedConversation(arguments.conversationId, by: identity)
        return try context.db.query(Message.self).withIndex(.byConversation) { $0.eq(arguments.conversationId) }
            .order(.descending).paginate(arguments.paginationOpts)
    }

    func send(_ context: MutationContext, identity: Identity, _ arguments: MessagesFunctions.SendArgs) throws -> Id<Message> {
        let conversation = try context.db.ownedConversation(arguments.conversationId, by: identity)
        _ = try context.db.insert(Message.new(
            conversationId: conversation._id, projectId: conversation.projectId, role: .user, content: arguments.content))
        let reply = try context.db.insert(Message.new(
            conversationId: conversation._id, projectId: conversation.projectId, role: .assistant, content: "",
            status: .processing))
        try context.db.patch(conversation._id) { $0.updatedAt = now() }
        return reply
    }

    func cancel(_ context: MutationContext, identity: Identity, _ arguments: MessagesFunctions.CancelArgs) throws {
        guard let message = try context.db.get(arguments.messageId) else { throw FunctionError.notFound("Message not found") }
        _ = try context.db.ownedProject(message.projectId, by: identity)
        guard message.role == .assistant, message.status == .processing else {
            throw ApplicationError("Only a processing assistant message can be cancelled")
        }
        try context.db.patch(message._id) { $0.status = .cancelled }
    }
}
