import Foundation

/// Turns a bearer JWT into an `Identity`, as Convex's auth providers do: the signature must
/// verify under one of `keys` (RS256 and ES256 from a provider's JWKS, HS256 for development),
/// `iss` must be `issuer`, `aud` must contain `audience` (unless it is nil), `exp` must be in the
/// future and `nbf`, when present, in the past, both give or take `leeway` seconds.
public struct TokenVerifier: Sendable {
    public var issuer: String
    public var audience: String?
    public var keys: [VerificationKey]
    public var leeway: TimeInterval

    public init(issuer: String, audience: String?, keys: [VerificationKey], leeway: TimeInterval = 30) {
        self.issuer = issuer
        self.audience = audience
        self.keys = keys
        self.leeway = leeway
    }

    /// The identity `token` proves at `now`, or why it proves none.
    public func identity(fromToken token: String, now: Date = Date()) throws(TokenError) -> Identity {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected 3 dot-separated parts, got \(parts.count)") }
        let header = try Self.object(parts[0], "header")
        let claims = try Self.object(parts[1], "payload")
        guard let signature = Base64.decodeURL(String(parts[2])) else { throw .malformed("signature: not base64url") }

        guard let algorithm = header["alg"] as? String else { throw .malformed("header: no 'alg'") }
        guard header["crit"] == nil else { throw .malformed("header: 'crit' extensions are not supported") }
        let kid = header["kid"] as? String
        let candidates = keys.filter { $0.algorithm == algorithm && (kid == nil || $0.id == kid) }
        guard !candidates.isEmpty else {
            if !keys.contains(where: { $0.algorithm == algorithm }) { throw .unsupportedAlgorithm(algorithm) }
            throw .unknownKey(kid)
        }
        let input = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard candidates.contains(where: { $0.verifies(signature, of: input) }) else { throw .badSignature }

        return try check(claims, now: now.timeIntervalSince1970)
    }

    private func check(_ claims: [String: Any], now: TimeInterval) throws(TokenError) -> Identity {
        guard let expiry = Self.number(claims["exp"]) else { throw .missingClaim("exp") }
        guard now <= expiry + leeway else { throw .expired }
        if claims["nbf"] != nil {
            guard let notBefore = Self.number(claims["nbf"]) else { throw .missingClaim("nbf") }
            guard now + leeway >= notBefore else { throw .notYetValid }
        }
        guard let tokenIssuer = claims["iss"] as? String else { throw .missingClaim("iss") }
        guard tokenIssuer == issuer else { throw .wrongIssuer(tokenIssuer) }
        if let audience {
            let audiences = (claims["aud"] as? [Any])?.compactMap { $0 as? String } ?? [claims["aud"] as? String].compactMap { $0 }
            guard audiences.contains(audience) else { throw .wrongAudience }
        }
        guard let subject = claims["sub"] as? String, !subject.isEmpty else { throw .missingClaim("sub") }
        return Identity(
            subject: subject, issuer: tokenIssuer, email: claims["email"] as? String, name: claims["name"] as? String)
    }

    private static func object(_ part: Substring, _ name: String) throws(TokenError) -> [String: Any] {
        guard let bytes = Base64.decodeURL(String(part)) else { throw .malformed("\(name): not base64url") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw .malformed("\(name): not a JSON object")
        }
        return object
    }

    /// A NumericDate: JSON numbers only (JSONSerialization gives booleans as NSNumber too).
    private static func number(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        return number.doubleValue
    }
}
