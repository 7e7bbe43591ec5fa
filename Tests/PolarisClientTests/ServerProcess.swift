import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PolarisRuntime
import PolarisTestSupport

/// `polaris-server` as a child process on a database (a SQLite file or a
/// PostgreSQL URL), with the test secret for HS256 tokens: started, killed
/// without warning, started again.
final class ServerProcess: @unchecked Sendable {
    static let secret = "client-tests-secret-client-tests-secret-01"
    static let issuer = "https://auth.example"

    /// The `--database` argument: a file's path or a PostgreSQL URL.
    let database: String
    private(set) var port: Int
    private var process: Process?
    private let ownsDatabase: Bool

    /// Starts a server on `database`, or on a fresh one of `kind` (a file in a temporary folder, or a new PostgreSQL database).
    init(database: String? = nil, kind: StoreKind = .sqlite) throws {
        if let database {
            self.database = database
            ownsDatabase = false
        } else {
            self.database = kind == .sqlite ? try StoreKind.freshFile() : try TestPostgres.freshDatabase()
            ownsDatabase = kind == .sqlite
        }
        port = 0
        try start()
    }

    deinit {
        kill()
        if ownsDatabase { try? FileManager.default.removeItem(at: URL(fileURLWithPath: database).deletingLastPathComponent()) }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts the server on `port` (the one it had, or a free one the first time).
    func start(port requested: Int? = nil) throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("polaris-server")
        process.arguments = ["--database", database, "--port", String(requested ?? port)]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "POLARIS_JWT_SECRET": Self.secret, "POLARIS_JWT_ISSUER": Self.issuer,
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServerFailed(output: text) }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let found = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { throw ServerFailed(output: text) }
        self.process = process
        if requested == nil { port = found }
    }

    /// SIGKILL: the server dies with its sockets open, as on a crash.
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    struct ServerFailed: Error {
        let output: String
    }

    /// Calls a function through the HTTP API as `subject`: the response's `value`, or its error message.
    func call(_ kind: String, _ path: String, _ arguments: String, as subject: String) async throws -> Result<Value, FunctionError> {
        var request = URLRequest(url: url.appendingPathComponent("api/\(kind)"))
        request.httpMethod = "POST"
        request.setValue("Bearer \(Self.token(subject))", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"path": "\#(path)", "args": \#(arguments)}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let body = try Value(convexJSON: Array(data))
        guard case .object(let fields) = body, fields["status"] == .string("success") else {
            guard case .string(let message)? = body[field: "errorMessage"] ?? body[field: "message"] else { throw ServerFailed(output: "\(body)") }
            return .failure(.failed(message))
        }
        return .success(fields["value"] ?? .null)
    }

    /// An HS256 JWT for `subject` that the server accepts.
    static func token(_ subject: String) -> String {
        func encoded(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let expiry = Int(Date().timeIntervalSince1970) + 600
        let head = encoded(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let body = encoded(Data(#"{"sub":"\#(subject)","iss":"\#(issuer)","exp":\#(expiry)}"#.utf8))
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data("\(head).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(head).\(body).\(encoded(Data(signature)))"
    }
}
