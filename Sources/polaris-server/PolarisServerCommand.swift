import ArgumentParser
import Foundation
import PolarisBackend
import PolarisGenerated
import PolarisPostgres
import PolarisRuntime
import PolarisServer

/// `polaris-server --database FILE|postgres://... [--host 127.0.0.1] [--port 3210]`:
/// the Polaris backend over Convex's wire protocol (spec/cli.md, "The server"),
/// on a SQLite file or a PostgreSQL database that several servers may share.
@main
struct PolarisServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polaris-server",
        abstract: "Serves the Polaris backend over Convex's wire protocol (HTTP API and WebSocket sync).",
        discussion: """
            Environment: POLARIS_DATABASE (the database, when --database is not given); POLARIS_CONVEX_INTERNAL_KEY (without it every internal function is refused); \
            POLARIS_JWKS_FILE (RS256/ES256 public keys) or POLARIS_JWT_SECRET (HS256, for development), \
            with POLARIS_JWT_ISSUER and optionally POLARIS_JWT_AUDIENCE, for user tokens.
            """)

    @Option(help: """
        The SQLite database file (created if missing), or a PostgreSQL URL \
        (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE) whose tables are created if missing. \
        Default: $POLARIS_DATABASE.
        """)
    var database: String?

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
        guard let database = database ?? environment["POLARIS_DATABASE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError("give the database with --database FILE|postgres://... or POLARIS_DATABASE")
        }
        let store = try Self.store(at: database)
        let runner = PolarisBackend.runner(store: store, internalKey: environment["POLARIS_CONVEX_INTERNAL_KEY"].flatMap { $0.isEmpty ? nil : $0 })
        let server = PolarisServer(runner: runner, verifier: verifier, host: host, port: port)
        try await server.run { host, port in
            // Written in one call, unbuffered: whoever started the server waits for this line.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
    }

    /// The store `database` names: PostgreSQL for a `postgres://` or `postgresql://` URL, else a SQLite file.
    static func store(at database: String) throws -> any Store {
        do {
            if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
                return try PostgresStore(url: database, schema: PolarisDatabase.self)
            }
            return try DocumentStore(path: database, schema: PolarisDatabase.self)
        } catch {
            let shown = (try? PostgresURL(database).description) ?? database
            throw ValidationError("cannot open the database '\(shown)': \(error)")
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
