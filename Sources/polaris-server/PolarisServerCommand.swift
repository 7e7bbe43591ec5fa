import ArgumentParser
import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisRuntime
import PolarisServer

/// `polaris-server --database FILE [--host 127.0.0.1] [--port 3210]`: the
/// Polaris backend over Convex's wire protocol (spec/cli.md, "The server").
@main
struct PolarisServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polaris-server",
        abstract: "Serves the Polaris backend over Convex's wire protocol (HTTP API and WebSocket sync).",
        discussion: """
            Environment: POLARIS_CONVEX_INTERNAL_KEY (without it every internal function is refused); \
            POLARIS_JWKS_FILE (RS256/ES256 public keys) or POLARIS_JWT_SECRET (HS256, for development), \
            with POLARIS_JWT_ISSUER and optionally POLARIS_JWT_AUDIENCE, for user tokens.
            """)

    @Option(help: "The SQLite database file (created if missing).")
    var database: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 3210

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let verifier: TokenVerifier?
        do {
            verifier = try Self.verifier(environment)
        } catch {
            throw ValidationError("\(error)")
        }
        let store: DocumentStore
        do {
            store = try DocumentStore(path: database, schema: PolarisDatabase.self)
        } catch {
            throw ValidationError("cannot open the database '\(database)': \(error)")
        }
        let runner = PolarisBackend.runner(store: store, internalKey: environment["POLARIS_CONVEX_INTERNAL_KEY"].flatMap { $0.isEmpty ? nil : $0 })
        let server = PolarisServer(runner: runner, verifier: verifier, host: host, port: port)
        try await server.run { host, port in
            // Written in one call, unbuffered: whoever started the server waits for this line.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
    }

    /// The token check the environment configures, or nil when it configures none.
    static func verifier(_ environment: [String: String]) throws -> TokenVerifier? {
        let jwks = environment["POLARIS_JWKS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["POLARIS_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        guard jwks != nil || secret != nil else { return nil }
        guard let issuer = environment["POLARIS_JWT_ISSUER"], !issuer.isEmpty else {
            throw ValidationError("POLARIS_JWT_ISSUER must be set with POLARIS_JWKS_FILE or POLARIS_JWT_SECRET")
        }
        var keys: [VerificationKey] = []
        if let jwks { keys += try JSONWebKeySet.keys(contentsOf: URL(fileURLWithPath: jwks)) }
        if let secret { keys.append(try VerificationKey.hmacSHA256(secret: Array(secret.utf8))) }
        return TokenVerifier(issuer: issuer, audience: environment["POLARIS_JWT_AUDIENCE"].flatMap { $0.isEmpty ? nil : $0 }, keys: keys)
    }
}
