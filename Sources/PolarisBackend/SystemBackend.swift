import PolarisGenerated
import PolarisRuntime

/// `system:*`: the internal API of background jobs. The registry has
/// checked the internal key before any of these runs.
struct SystemBackend: SystemHandlers {
    func writeFileByPath(_ context: MutationContext, _ arguments: SystemFunctions.WriteFileByPathArgs) throws -> Id<File> {
        let db = context.db
        _ = try db.existingProject(arguments.projectId)
        let parts = arguments.path.split(separator: "/").map(String.init)
        guard let fileName = parts.last else { throw ApplicationError("The path names no file") }
        var parentId: Id<File>?
        for folderName in parts.dropLast() {
            if let folder = try db.child(named: folderName, of: parentId, in: arguments.projectId) {
                guard folder.type == .folder else { throw ApplicationError("'\(folderName)' is a file, not a folder") }
                parentId = folder._id
            } else {
                parentId = try db.insert(File.new(
                    projectId: arguments.projectId, parentId: parentId, name: folderName, type: .folder, updatedAt: now()))
            }
        }
        if let existing = try db.child(named: fileName, of: parentId, in: arguments.projectId) {
            guard existing.type == .file else { throw ApplicationError("'\(fileName)' is a folder, not a file") }
            try db.patch(existing._id) {
                $0.content = arguments.content
                $0.updatedAt = now()
            }
            return existing._id
        }
        return try db.insert(File.new(
            projectId: arguments.projectId, parentId: parentId, name: fileName, type: .file, content: arguments.content,
            updatedAt: now()))
    }

    func getAllProjectFiles(_ context: QueryContext, _ arguments: SystemFunctions.GetAllProjectFilesArgs) throws -> [File] {
        _ = try context.db.existingProject(arguments.projectId)
        return try context.db.query(File.self).withIndex(.byProject) { $0.eq(arguments.projectId) }.collect()
    }

    func updateProjectImportStatus(_ context: MutationContext, _ arguments: SystemFunctions.UpdateProjectImportStatusArgs) throws {
        _ = try context.db.existingProject(arguments.projectId)
        try context.db.patch(arguments.projectId) {
            $0.importStatus = arguments.status
            $0.updatedAt = now()
        }
    }

    func updateProjectExportStatus(_ context: MutationContext, _ arguments: SystemFunctions.UpdateProjectExportStatusArgs) throws {
        _ = try context.db.existingProject(arguments.projectId)
        try context.db.patch(arguments.projectId) {
            $0.exportStatus = arguments.status
            if let repoUrl = arguments.repoUrl { $0.exportRepoUrl = repoUrl }
            $0.updatedAt = now()
        }
    }

    func updateMessage(_ context: MutationContext, _ arguments: SystemFunctions.UpdateMessageArgs) throws {
        guard try context.db.get(arguments.messageId) != nil else { throw FunctionError.notFound("Message not found") }
        try context.db.patch(arguments.messageId) {
            if let content = arguments.content { $0.content = content }
            if let status = arguments.status { $0.status = status }
            if let triggerRunId = arguments.triggerRunId { $0.triggerRunId = triggerRunId }
            if let toolCalls = arguments.toolCalls { $0.toolCalls = toolCalls }
        }
    }

    func addGenerationEvent(_ context: MutationContext, _ arguments: SystemFunctions.AddGenerationEventArgs) throws -> Id<GenerationEvent> {
        _ = try context.db.existingProject(arguments.projectId)
        return try context.db.insert(GenerationEvent.new(
            projectId: arguments.projectId, type: arguments.type, message: arguments.message, filePath: arguments.filePath,
            preview: arguments.preview, createdAt: now()))
    }
}
