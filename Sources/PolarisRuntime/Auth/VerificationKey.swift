internal import Crypto
internal import _CryptoExtras
import Foundation

/// A key that checks token signatures. Each kind accepts exactly one algorithm, so a token
/// cannot pick how its own signature is checked (no RS256/HS256 confusion, no `none`).
public struct VerificationKey: Sendable {
    /// swift-crypto's keys are immutable values but not all marked Sendable on Linux.
    enum Kind: @unchecked Sendable {
        case hmac(SymmetricKey)
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
    }

    let kind: Kind
    /// The key's `kid`, matched against the token header's.
    public let id: String?

    /// The `alg` this key verifies: `HS256`, `RS256` or `ES256`.
    public var algorithm: String {
        switch kind {
        case .hmac: "HS256"
        case .rsa: "RS256"
        case .p256: "ES256"
        }
    }

    /// An HS256 shared secret, for development and tests; at least 32 bytes.
    public static func hmacSHA256(secret: some DataProtocol, id: String? = nil) throws(TokenError) -> VerificationKey {
        guard secret.count >= 32 else { throw .invalidKeySet("an HS256 secret needs at least 32 bytes, got \(secret.count)") }
        return VerificationKey(kind: .hmac(SymmetricKey(data: Data(secret))), id: id)
    }

    /// An RS256 public key from its modulus and exponent (big-endian bytes, as in a JWK).
    public static func rsa(modulus: [UInt8], exponent: [UInt8], id: String? = nil) throws(TokenError) -> VerificationKey {
        do {
            return VerificationKey(kind: .rsa(try _RSA.Signing.PublicKey(n: modulus, e: exponent)), id: id)
        } catch {
            throw .invalidKeySet("not a usable RSA key (2048 bits or more): \(error)")
        }
    }

    /// An ES256 public key from its P-256 coordinates (32 bytes each, as in a JWK).
    public static func p256(x: [UInt8], y: [UInt8], id: String? = nil) throws(TokenError) -> VerificationKey {
        guard x.count == 32, y.count == 32 else { throw .invalidKeySet("P-256 coordinates need 32 bytes each") }
        do {
            return VerificationKey(kind: .p256(try P256.Signing.PublicKey(rawRepresentation: x + y)), id: id)
        } catch {
            throw .invalidKeySet("not a point of P-256")
        }
    }

    /// Whether `signature` signs `input` (the token's `header.payload` bytes) under this key.
    func verifies(_ signature: [UInt8], of input: [UInt8]) -> Bool {
        switch kind {
        case .hmac(let key):
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input),
                padding: .insecurePKCS1v1_5)
        case .p256(let key):
            guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: SHA256.hash(data: input))
        }
    }
}
