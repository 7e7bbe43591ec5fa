import Foundation
import PolarisGenerated
import PolarisRuntime

/// Documents shaped like the `files` table: `projects` x `folders` groups of 10 files, so that a
/// `by_project_parent` lookup finds 10 rows. IDs and creation times are made up front, for the
/// baselines that write them as given.
struct FileSamples {
    struct Sample {
        var id: String
        var creationTime: Double
        var projectId: String
        var parentId: String
        var name: String
        var content: String
        var updatedAt: Double
    }

    let samples: [Sample]
    /// Every (projectId, parentId) pair, each holding 10 files.
    let groups: [(projectId: String, parentId: String)]

    init(count: Int) {
        let folders = 100
        let projects = (0..<max(1, count / (folders * 10))).map { _ in DocumentIDs.make(table: "projects") }
        let parents = (0..<folders).map { _ in DocumentIDs.make(table: "files") }
        var groups: [(String, String)] = []
        for project in projects { for parent in parents { groups.append((project, parent)) } }
        self.groups = groups
        let start = 1_800_000_000_000.0
        samples = (0..<count).map { index in
            let (project, parent) = groups[index % groups.count]
            return Sample(
                id: DocumentIDs.make(table: "files"), creationTime: start + Double(index), projectId: project,
                parentId: parent, name: "file-\(index).swift",
                content: "// file \(index)\nlet value = \(index)\nprint(value)\n", updatedAt: start + Double(index))
        }
    }

    /// `count` group indices to look up, spread over the groups in a fixed pseudo-random order.
    func lookups(_ count: Int) -> [(projectId: String, parentId: String)] {
        (0..<count).map { groups[($0 * 7_919) % groups.count] }
    }
}

/// A file as the baselines read and write it: the generated `File`'s fields as plain values,
/// named as their columns (GRDB's Codable record too).
struct FileRow: Codable {
    var _id: String
    var _creationTime: Double
    var projectId: String
    var parentId: String?
    var name: String
    var type: String
    var content: String?
    var storageId: String?
    var updatedAt: Double
}
