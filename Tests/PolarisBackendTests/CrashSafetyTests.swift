import Foundation
import GRDB
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisTestSupport
import Synchronization
import Testing

/// A process killed with SIGKILL in the middle of its mutations loses none it acknowledged
/// and leaves no part of any other.
@Suite struct CrashSafetyTests {
    static let key = "crash-key"

    @Test func sigkillLosesNoAcknowledgedMutationAndLeavesNoHalfOfOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let projectId = try {
            let store = try DocumentStore(path: path, schema: PolarisDatabase.self)
            let runner = PolarisBackend.runner(store: store, internalKey: Self.key)
            let owner = Identity(subject: "crash", issuer: "https://auth.example")
            return try runner.run("projects:create", arguments: .object(["name": .string("Crash")]), identity: owner)
        }()
        guard case .string(let project) = projectId else { Issue.record("projects:create gave \(projectId)"); return }

        var next = 0
        for round in 0..<4 {
            let acknowledged = try Self.runAndKill(path: path, project: project, first: next, delay: .random(in: 0...0.4))
            #expect(!acknowledged.isEmpty, "round \(round): the writer acknowledged nothing before it was killed")

            let plain = try DatabaseQueue(path: path)
            #expect(try plain.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            try plain.close()

            let complete = try Self.completeMutations(path: path, project: project, upTo: next + acknowledged.count + 1)
            #expect(acknowledged == Array(next..<next + acknowledged.count), "acks are in order without gaps")
            // Every mutation acknowledged, in this round or before, is there whole; the one in
            // flight at the kill is there whole or not at all; nothing after it.
            #expect(complete == Array(0..<complete.count))
            #expect((next + acknowledged.count...next + acknowledged.count + 1).contains(complete.count))
            next = complete.count
        }
    }

    /// Starts the writer at mutation `first`, kills it `delay` seconds after its first
    /// acknowledgement, and returns the mutation numbers it acknowledged.
    static func runAndKill(path: String, project: String, first: Int, delay: Double) throws -> [Int] {
        let process = Process()
        process.executableURL = writerURL
        process.arguments = [path, project, String(first)]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let output = Output()
        out.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while output.text.isEmpty && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        output.append(out.fileHandleForReading.readDataToEndOfFile())
        #expect(
            process.terminationReason == .uncaughtSignal,
            "the writer stopped by itself: \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        // A line cut short by the kill was never acknowledged.
        return output.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap {
            $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil
        }
    }

    /// The mutation numbers below `limit` whose folders and file are all in the database, in
    /// order; fails the test on any mutation that is there only in part.
    static func completeMutations(path: String, project: String, upTo limit: Int) throws -> [Int] {
        let store = try DocumentStore(path: path, schema: PolarisDatabase.self)
        let runner = PolarisBackend.runner(store: store, internalKey: key)
        let files = try runner.run(
            "system:getAllProjectFiles",
            arguments: .object(["internalKey": .string(key), "projectId": .string(project)]), identity: nil)
        guard case .array(let documents) = files else { Issue.record("getAllProjectFiles gave \(files)"); return [] }
        var paths: [String: String] = [:]  // path: content ("" for folders)
        var byId: [String: (name: String, parent: String?, content: String)] = [:]
        for case .object(let file) in documents {
            guard case .string(let id) = file["_id"], case .string(let name) = file["name"] else { continue }
            var parent: String? = nil
            if case .string(let parentId) = file["parentId"] { parent = parentId }
            var content = ""
            if case .string(let text) = file["content"] { content = text }
            byId[id] = (name, parent, content)
        }
        for (_, file) in byId {
            var path = file.name, parent = file.parent
            while let id = parent, let folder = byId[id] {
                path = "\(folder.name)/\(path)"
                parent = folder.parent
            }
            paths[path] = file.content
        }
        var complete: [Int] = []
        var stray = Set(paths.keys)
        for number in 0..<limit {
            let expected = [
                "d\(number)": "", "d\(number)/e\(number)": "",
                "d\(number)/e\(number)/f\(number).txt": String(repeating: "\(number) ", count: 4096),
            ]
            stray.subtract(expected.keys)
            let present = expected.filter { paths[$0.key] == $0.value }
            if present.count == expected.count { complete.append(number) }
            #expect(present.isEmpty || present.count == expected.count, "mutation \(number) is there only in part: \(present.keys.sorted())")
        }
        #expect(stray.isEmpty, "documents of no mutation: \(stray.sorted())")
        return complete
    }

    /// The built writer, found beside the test bundle.
    static let writerURL = BuiltProducts.executable("polaris-crash-writer")
}

/// What the child wrote so far, filled from the pipe's handler thread.
private final class Output: Sendable {
    private let data = Mutex(Data())

    func append(_ more: Data) { data.withLock { $0.append(more) } }
    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
