import PolarisGenerated
import PolarisRuntime

/// `files:*`: the file tree of a project the caller owns. Text lives in
/// `content`, binary files in `_storage`; deleting a folder deletes
/// everything in it and their stored blobs.
struct FilesBackend: FilesHandlers {
    func getFiles(_ context: QueryContext, identity: Identity, _ arguments: FilesFunctions.GetFilesArgs) throws -> [File] {
        _ = try context.db.ownedProject(arguments.projectId, by: identity)
        return try context.db.query(File.self)
            .withIndex(.byProjectParent) { $0.eq(arguments.projectId).eq(arguments.parentId) }.collect()
    }

    func getFile(_ context: QueryContext, identity: Identity, _ arguments: FilesFunctions.GetFileArgs) throws -> File {
        try context.db.ownedFile(arguments.id, by: identity)
    }

    func getFileByPath(_ context: QueryContext, identity: Identity, _ arguments: FilesFunctions.GetFileByPathArgs) throws -> File? {
        _ = try context.db.ownedProject(arguments.projectId, by: identity)
        var found: File?
        for name in arguments.path.split(separator: "/").map(String.init) {
            guard let next = try context.db.child(named: name, of: found?._id, in: arguments.projectId) else { return nil }
            found = next
        }
        return found
    }

    func writeFile(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.WriteFileArgs) throws -> Id<File> {
        try context.db.checkPlaceForNewFile(arguments.parentId, in: arguments.projectId, by: identity)
        return try context.db.insert(File.new(
            projectId: arguments.projectId, parentId: arguments.parentId, name: arguments.name, type: .file,
            content: arguments.content, updatedAt: now()))
    }

    func uploadFile(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.UploadFileArgs) throws -> Id<File> {
        try context.db.checkPlaceForNewFile(arguments.parentId, in: arguments.projectId, by: identity)
        guard try context.db.get(arguments.storageId) != nil else { throw FunctionError.notFound("Stored file not found") }
        return try context.db.insert(File.new(
            projectId: arguments.projectId, parentId: arguments.parentId, name: arguments.name, type: .file,
            storageId: arguments.storageId, updatedAt: now()))
    }

    func createFolder(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.CreateFolderArgs) throws -> Id<File> {
        try context.db.checkPlaceForNewFile(arguments.parentId, in: arguments.projectId, by: identity)
        return try context.db.insert(File.new(
            projectId: arguments.projectId, parentId: arguments.parentId, name: arguments.name, type: .folder,
            updatedAt: now()))
    }

    func updateContent(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.UpdateContentArgs) throws {
        let file = try context.db.ownedFile(arguments.id, by: identity)
        guard file.type == .file else { throw ApplicationError("Cannot set the content of a folder") }
        try context.db.patch(arguments.id) {
            $0.content = arguments.content
            $0.updatedAt = now()
        }
    }

    func rename(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.RenameArgs) throws {
        _ = try context.db.ownedFile(arguments.id, by: identity)
        try context.db.patch(arguments.id) {
            $0.name = arguments.newName
            $0.updatedAt = now()
        }
    }

    func move(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.MoveArgs) throws {
        let file = try context.db.ownedFile(arguments.id, by: identity)
        try context.db.checkedParent(arguments.newParentId, in: file.projectId)
        // A folder cannot move into itself or anything inside it.
        var ancestor = arguments.newParentId
        while let current = ancestor {
            guard current != file._id else { throw ApplicationError("Cannot move a folder into itself") }
            ancestor = try context.db.get(current)?.parentId
        }
        try context.db.patch(arguments.id) {
            $0.parentId = arguments.newParentId
            $0.updatedAt = now()
        }
    }

    func delete(_ context: MutationContext, identity: Identity, _ arguments: FilesFunctions.DeleteArgs) throws {
        let file = try context.db.ownedFile(arguments.id, by: identity)
        var pending = [file]
        while let next = pending.popLast() {
            if next.type == .folder {
                pending += try context.db.query(File.self).withIndex(.byParent) { $0.eq(next._id) }.collect()
            }
            if let storageId = next.storageId, try context.db.get(storageId) != nil { try context.db.delete(storageId) }
            try context.db.delete(next._id)
        }
    }
}
