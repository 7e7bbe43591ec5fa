import Foundation

/// The verification keys of a JSON Web Key Set (RFC 7517), as Stack Auth and other OpenID
/// providers publish at their `jwks.json`: `RSA` keys (`n`, `e`) and `EC` keys on `P-256`
/// (`x`, `y`). Keys for encryption (`use: "enc"`), of other kinds or curves, or pinned to another
/// `alg` are skipped; a set left with no key is refused.
public enum JSONWebKeySet {
    /// The keys of the set in the file at `url`.
    public static func keys(contentsOf url: URL) throws(TokenError) -> [VerificationKey] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .invalidKeySet("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try keys(json: data)
    }

    /// The keys of the set in `json`.
    public static func keys(json: Data) throws(TokenError) -> [VerificationKey] {
        guard let set = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw .invalidKeySet("not a JSON object")
        }
        guard let entries = set["keys"] as? [Any] else { throw .invalidKeySet("no 'keys' array") }
        var keys: [VerificationKey] = []
        for (index, entry) in entries.enumerated() {
            guard let jwk = entry as? [String: Any] else { throw .invalidKeySet("keys[\(index)]: not an object") }
            if let key = try key(jwk, at: "keys[\(index)]") { keys.append(key) }
        }
        guard !keys.isEmpty else { throw .invalidKeySet("no RS256 or ES256 signing key in the set") }
        return keys
    }

    private static func key(_ jwk: [String: Any], at place: String) throws(TokenError) -> VerificationKey? {
        if let use = jwk["use"] as? String, use != "sig" { return nil }
        let kid = jwk["kid"] as? String
        let alg = jwk["alg"] as? String
        switch jwk["kty"] as? String {
        case "RSA":
            guard alg == nil || alg == "RS256" else { return nil }
            let modulus = try field("n", of: jwk, at: place), exponent = try field("e", of: jwk, at: place)
            return try located(place) { () throws(TokenError) in try .rsa(modulus: modulus, exponent: exponent, id: kid) }
        case "EC":
            guard jwk["crv"] as? String == "P-256", alg == nil || alg == "ES256" else { return nil }
            let x = try field("x", of: jwk, at: place), y = try field("y", of: jwk, at: place)
            return try located(place) { () throws(TokenError) in try .p256(x: x, y: y, id: kid) }
        case nil:
            throw .invalidKeySet("\(place): no 'kty'")
        default:
            return nil
        }
    }

    /// Makes a key, putting the place of its JWK in front of the reason it cannot be made.
    private static func located(
        _ place: String, _ make: () throws(TokenError) -> VerificationKey
    ) throws(TokenError) -> VerificationKey {
        do { return try make() } catch .invalidKeySet(let reason) {
            throw .invalidKeySet("\(place): \(reason)")
        }
    }

    private static func field(_ name: String, of jwk: [String: Any], at place: String) throws(TokenError) -> [UInt8] {
        guard let text = jwk[name] as? String else { throw .invalidKeySet("\(place).\(name): missing") }
        guard let bytes = Base64.decodeURL(text), !bytes.isEmpty else {
            throw .invalidKeySet("\(place).\(name): not base64url")
        }
        return bytes
    }
}
