import Crypto
import Foundation
import PolarisTestSupport

/// `polaris-server` as a child process on a database file, with the test
/// secret for HS256 tokens: started, killed without warning, started again.
final class ServerProcess {
    static let secret = "client-tests-secret-client-tests-secret-01"
    static let issuer = "https://auth.example"

    let database: URL
    private(set) var port: Int
    private var process: Process?
    private let ownsDatabase: Bool

    /// Starts a server on `database`, or on a fresh one in a temporary folder.
    init(database: URL? = nil) throws {
        if let database {
            self.database = database
            ownsDatabase = false
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polaris-client-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.database = folder.appendingPathComponent("db.sqlite")
            ownsDatabase = true
        }
        port = 0
        try start()
    }

    deinit {
        kill()
        if ownsDatabase { try? FileManager.default.removeItem(at: database.deletingLastPathComponent()) }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts the server on `port` (the one it had, or a free one the first time).
    func start(port requested: Int? = nil) throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("polaris-server")
        process.arguments = ["--database", database.path, "--port", String(requested ?? port)]
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
