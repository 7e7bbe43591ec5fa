import PolarisGenerated
import PolarisRuntime

/// `generationEvents:*`: the progress a project's AI generation reports.
struct GenerationEventsBackend: GenerationEventsHandlers {
    /// How many events `recent` returns without a `limit`.
    static let defaultLimit = 50

    func recent(_ context: QueryContext, identity: Identity, _ arguments: GenerationEventsFunctions.RecentArgs) throws -> [GenerationEvent] {
        _ = try context.db.ownedProject(arguments.projectId, by: identity)
        let limit = arguments.limit?.clampedCount ?? Self.defaultLimit
        return try context.db.query(GenerationEvent.self).withIndex(.byProjectCreatedAt) { $0.eq(arguments.projectId) }
            .order(.descending).take(limit)
    }
}
