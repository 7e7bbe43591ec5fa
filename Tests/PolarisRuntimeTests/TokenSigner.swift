import Crypto
import _CryptoExtras
import Foundation
import PolarisRuntime

/// Makes JWTs the way an identity provider does, with keys the test made itself.
/// Immutable; swift-crypto does not mark every key Sendable on Linux.
struct TokenSigner: @unchecked Sendable {
    enum Key: @unchecked Sendable {
        case hmac(SymmetricKey)
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    let key: Key
    let kid: String?

    var algorithm: String {
        switch key {
        case .hmac: "HS256"
        case .rsa: "RS256"
        case .p256: "ES256"
        }
    }

    /// A signed token of `claims`; `header` entries override the usual `alg`, `typ` and `kid`.
    func token(_ claims: [String: Any], header: [String: Any] = [:]) throws -> String {
        var fullHeader: [String: Any] = ["alg": algorithm, "typ": "JWT"]
        if let kid { fullHeader["kid"] = kid }
        fullHeader.merge(header) { $1 }
        let input = "\(try Self.part(fullHeader)).\(try Self.part(claims))"
        return "\(input).\(Self.base64URL(try sign(Data(input.utf8))))"
    }

    func sign(_ input: Data) throws -> Data {
        switch key {
        case .hmac(let secret): Data(HMAC<SHA256>.authenticationCode(for: input, using: secret))
        case .rsa(let privateKey): try privateKey.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation
        case .p256(let privateKey): try privateKey.signature(for: SHA256.hash(data: input)).rawRepresentation
        }
    }

    /// This key's public half as a JWK, as a provider's `jwks.json` lists it.
    func jwk() throws -> [String: Any] {
        var jwk: [String: Any] = ["use": "sig", "alg": algorithm]
        if let kid { jwk["kid"] = kid }
        switch key {
        case .hmac: break
        case .rsa(let privateKey):
            let primitives = try privateKey.publicKey.getKeyPrimitives()
            jwk["kty"] = "RSA"
            jwk["n"] = Self.base64URL(primitives.modulus)
            jwk["e"] = Self.base64URL(primitives.publicExponent)
        case .p256(let privateKey):
            let raw = privateKey.publicKey.rawRepresentation
            jwk["kty"] = "EC"
            jwk["crv"] = "P-256"
            jwk["x"] = Self.base64URL(raw.prefix(32))
            jwk["y"] = Self.base64URL(raw.suffix(32))
        }
        return jwk
    }

    static func part(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jwks(_ keys: [[String: Any]]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["keys": keys])
    }
}
