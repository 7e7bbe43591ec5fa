/// Why a token or a key set was refused. The text says what was wrong, never the secret.
public enum TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not three dot-separated base64url parts holding JSON objects.
    case malformed(String)
    /// The header's `alg` is not one the verifier's keys accept (`none` never is).
    case unsupportedAlgorithm(String)
    /// No key of the verifier has the token's `kid` (or, without `kid`, fits its `alg`).
    case unknownKey(String?)
    /// The signature does not match any candidate key.
    case badSignature
    /// A required claim is missing or has the wrong type.
    case missingClaim(String)
    /// `exp` is in the past.
    case expired
    /// `nbf` is in the future.
    case notYetValid
    /// `iss` is not the configured issuer.
    case wrongIssuer(String)
    /// `aud` does not contain the configured audience.
    case wrongAudience
    /// A JSON Web Key Set that cannot be used; the text names the key (`keys[1].n: ...`).
    case invalidKeySet(String)

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed token: \(reason)"
        case .unsupportedAlgorithm(let alg): "unsupported token algorithm '\(alg)'"
        case .unknownKey(let kid?): "no verification key has kid '\(kid)'"
        case .unknownKey(nil): "no verification key fits the token's algorithm"
        case .badSignature: "the token's signature is invalid"
        case .missingClaim(let claim): "the token has no valid '\(claim)' claim"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet (nbf)"
        case .wrongIssuer(let issuer): "the token's issuer '\(issuer)' is not the configured one"
        case .wrongAudience: "the token's audience does not include the configured one"
        case .invalidKeySet(let reason): "invalid key set: \(reason)"
        }
    }
}
