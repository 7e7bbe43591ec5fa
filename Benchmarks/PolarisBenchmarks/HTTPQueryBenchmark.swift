import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisServer

/// Query throughput over HTTP (`POST /api/query` on loopback, a few requests
/// in flight) beside the same query called in process through the runner.
func httpQueryBenchmark(queries: Int, concurrency: Int) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-http-benchmark")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try DocumentStore(path: folder.appendingPathComponent("db.sqlite").path, schema: PolarisDatabase.self, durability: .normal)
    let key = "benchmark-key"
    let project = try store.write { db in
        let user = try db.insert(User.new(stackUserId: "u", email: "", projectLimit: -1, createdAt: 0, updatedAt: 0))
        let project = try db.insert(Project.new(name: "p", ownerId: "u", userId: user, updatedAt: 0))
        for index in 0..<10 {
            try db.insert(File.new(projectId: project, name: "f\(index).txt", type: .file, content: "x", updatedAt: 0))
        }
        return project
    }
    let runner = PolarisBackend.runner(store: store, internalKey: key)
    let arguments: Value = .object(["projectId": .string(project.rawValue), "internalKey": .string(key)])

    let inProcessStart = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<queries { _ = try runner.run("system:getAllProjectFiles", arguments: arguments, identity: nil) }
    let inProcess = Double(queries) / (Double(DispatchTime.now().uptimeNanoseconds - inProcessStart) / 1e9)

    let server = PolarisServer(runner: runner, verifier: nil, host: "127.0.0.1", port: 0)
    let (ports, listening) = AsyncStream.makeStream(of: Int.self)
    let serving = Task { try await server.run { _, port in listening.yield(port) } }
    var portIterator = ports.makeAsyncIterator()
    guard let port = await portIterator.next() else { throw CancellationError() }
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/query")!)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(#"{"path": "system:getAllProjectFiles", "args": \#(try arguments.convexJSON())}"#.utf8)
    let session = URLSession(configuration: .ephemeral)
    let body = request
    let httpStart = DispatchTime.now().uptimeNanoseconds
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                for _ in stride(from: worker, to: queries, by: concurrency) {
                    let (data, _) = try await session.data(for: body)
                    guard data.starts(with: Array(#"{"status":"success""#.utf8)) else {
                        throw CocoaError(.coderInvalidValue, userInfo: [NSDebugDescriptionErrorKey: String(decoding: data, as: UTF8.self)])
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    let http = Double(queries) / (Double(DispatchTime.now().uptimeNanoseconds - httpStart) / 1e9)

    // The same requests from blocking sockets on threads of their own, one connection each.
    let requestBody = Array(body.httpBody ?? Data())
    let failures = Failures()
    let plainStart = DispatchTime.now().uptimeNanoseconds
    let threads = (0..<concurrency).map { worker in
        Thread {
            do {
                let client = try PlainHTTPClient(port: port)
                for _ in stride(from: worker, to: queries, by: concurrency) {
                    let response = try client.post("/api/query", body: requestBody)
                    guard response.starts(with: Array(#"{"status":"success""#.utf8)) else {
                        throw PlainHTTPClient.Failure(description: String(decoding: response, as: UTF8.self))
                    }
                }
            } catch {
                failures.record(error)
            }
            failures.done.signal()
        }
    }
    for thread in threads { thread.start() }
    for _ in threads { failures.done.wait() }
    if let failure = failures.first { throw failure }
    let plain = Double(queries) / (Double(DispatchTime.now().uptimeNanoseconds - plainStart) / 1e9)
    serving.cancel()
    _ = await serving.result
    print("Query throughput: system:getAllProjectFiles (10 files), \(queries) queries")
    print(String(format: "  in process, FunctionRunner.run (baseline)      %8.0f queries/s  x 1.00", inProcess))
    print(String(format: "  HTTP on loopback, %d in flight (URLSession)     %8.0f queries/s  x %.2f", concurrency, http, http / inProcess))
    print(String(format: "  HTTP on loopback, %d keep-alive sockets        %8.0f queries/s  x %.2f", concurrency, plain, plain / inProcess))
}

/// The first error of the benchmark's client threads, and their completion.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    let done = DispatchSemaphore(value: 0)

    func record(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
