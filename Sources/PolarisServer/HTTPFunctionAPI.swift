import Foundation
import Hummingbird
import PolarisRuntime

/// Convex's HTTP function API (spec/convex-wire.md, section 3):
/// `POST /api/query`, `/api/mutation` and `/api/action`, with the arguments
/// as an object or a one-element array. A function's failure is a 200 with
/// `status: "error"`; a bad request or token is a 4xx with `code` and `message`.
struct HTTPFunctionAPI: Sendable {
    let service: FunctionService
    /// The largest request body read.
    static let maximumBody = 16 << 20

    enum Kind: String, Sendable { case query, mutation, action }

    func add(to router: Router<BasicRequestContext>) {
        for kind in [Kind.query, .mutation, .action] {
            router.post("/api/\(kind.rawValue)") { request, _ in await respond(to: request, kind: kind) }
        }
    }

    private func respond(to request: Request, kind: Kind) async -> Response {
        do {
            let call = try await Call(request)
            var identity: Identity?
            if let token = call.token {
                do {
                    identity = try service.identity(fromToken: token)
                } catch {
                    throw HTTPError(.unauthorized, code: error.code, message: error.message)
                }
            }
            let result: Result<Value, FunctionError> = switch kind {
            case .query: await service.query(call.path, arguments: call.arguments, identity: identity)
            case .mutation: await service.mutation(call.path, arguments: call.arguments, identity: identity).map(\.value)
            case .action: .failure(service.action(call.path))
            }
            return Self.json(.ok, Self.body(result))
        } catch let error as HTTPError {
            return Self.json(error.status, .object([("code", .string(error.code)), ("message", .string(error.message))]))
        } catch {
            return Self.json(.badRequest, .object([("code", .string("BadRequest")), ("message", .string("\(error)"))]))
        }
    }

    /// `{"status": "success", "value": ...}` or `{"status": "error", "errorMessage": ..., "errorData"?: ...}`.
    static func body(_ result: Result<Value, FunctionError>) -> WireJSON {
        switch result {
        case .success(let value):
            return .object([("status", .string("success")), ("value", .value(value))])
        case .failure(let failure):
            return .object([("status", .string("error"))] + WireError(failure).fields(messageKey: "errorMessage"))
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: WireJSON) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }

    /// A request's function call.
    private struct Call {
        let path: String
        let arguments: Value
        let token: String?

        init(_ request: Request) async throws {
            let body = try await request.body.collect(upTo: HTTPFunctionAPI.maximumBody)
            let parsed: Value
            do {
                parsed = try Value(convexJSON: Array(buffer: body))
            } catch {
                throw HTTPError(.badRequest, code: "BadJsonBody", message: "the body is not Convex JSON: \(error)")
            }
            guard let path = parsed[field: "path"]?.stringValue, path.contains(where: { $0 != ":" }) else {
                throw HTTPError(.badRequest, code: "BadConvexFunctionIdentifier", message: "the body needs a 'path' string")
            }
            self.path = FunctionPath.canonical(path)
            guard let arguments = parsed.functionArguments else {
                throw HTTPError(.badRequest, code: "BadArgs", message: "'args' must be an object or an array of one object")
            }
            self.arguments = arguments
            if let format = parsed[field: "format"]?.stringValue, !["convex_encoded_json", "convex_json"].contains(format) {
                throw HTTPError(.badRequest, code: "BadFormat", message: "unsupported format '\(format)'; this server writes convex_encoded_json")
            }
            token = try Self.bearerToken(request.headers[.authorization])
        }

        /// The JWT of `Authorization: Bearer <JWT>` (the scheme in any case).
        static func bearerToken(_ header: String?) throws -> String? {
            guard let header else { return nil }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw HTTPError(.badRequest, code: "InvalidHeaderFailure", message: "Authorization must be 'Bearer <token>'")
            }
            return String(parts[1])
        }
    }
}

/// A request refused before any function ran.
struct HTTPError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}
