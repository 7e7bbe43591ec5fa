import Crypto
import _CryptoExtras
import Foundation
import PolarisRuntime
import Testing

/// Bearer tokens become identities only when signature, issuer, audience and times all check.
@Suite struct TokenVerifierTests {
    static let issuer = "https://api.stack-auth.com/api/v1/projects/p1"
    static let audience = "p1"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let rsa = TokenSigner(key: .rsa(rsaKey), kid: "rsa-1")
    static let ec = TokenSigner(key: .p256(P256.Signing.PrivateKey()), kid: "ec-1")
    static let secret = Data((0..<32).map { UInt8($0) })
    static let hmac = TokenSigner(key: .hmac(SymmetricKey(data: secret)), kid: nil)

    /// A verifier reading a JWKS file holding the RSA and EC keys, as a Stack Auth project serves it.
    static func jwksVerifier(audience: String? = audience) throws -> TokenVerifier {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json")
        try TokenSigner.jwks([try rsa.jwk(), try ec.jwk()]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return TokenVerifier(issuer: issuer, audience: audience, keys: try JSONWebKeySet.keys(contentsOf: file))
    }

    static func claims(_ changes: [String: Any?] = [:]) -> [String: Any] {
        var claims: [String: Any] = [
            "iss": issuer, "aud": audience, "sub": "user-7", "exp": now.timeIntervalSince1970 + 3600,
            "iat": now.timeIntervalSince1970, "email": "ada@example.com", "name": "Ada",
        ]
        for (key, value) in changes { claims[key] = value }
        return claims
    }

    @Test(arguments: ["RS256", "ES256"])
    func aProviderTokenVerifiesAgainstTheJWKSFile(algorithm: String) throws {
        let signer = algorithm == "RS256" ? Self.rsa : Self.ec
        let identity = try Self.jwksVerifier().identity(fromToken: try signer.token(Self.claims()), now: Self.now)
        #expect(identity == Identity(subject: "user-7", issuer: Self.issuer, email: "ada@example.com", name: "Ada"))
        #expect(identity.tokenIdentifier == "\(Self.issuer)|user-7")
    }

    @Test func hs256VerifiesWithTheSharedSecret() throws {
        let verifier = TokenVerifier(
            issuer: Self.issuer, audience: Self.audience, keys: [try .hmacSHA256(secret: Self.secret)])
        let token = try Self.hmac.token(Self.claims(["email": nil, "name": nil, "aud": ["other", Self.audience]]))
        let identity = try verifier.identity(fromToken: token, now: Self.now)
        #expect(identity.subject == "user-7")
        #expect(identity.email == nil && identity.name == nil)
    }

    @Test func aShortHMACSecretIsRefused() {
        #expect(throws: TokenError.invalidKeySet("an HS256 secret needs at least 32 bytes, got 8")) {
            try VerificationKey.hmacSHA256(secret: Data(count: 8))
        }
    }

    /// Every way a token can be wrong, each with its own error.
    @Test func badTokensAreRefusedWithTheReason() throws {
        let verifier = try Self.jwksVerifier()
        let good = try Self.ec.token(Self.claims())
        let parts = good.split(separator: ".").map(String.init)
        let otherEC = TokenSigner(key: .p256(P256.Signing.PrivateKey()), kid: "ec-1")
        let forgedPayload = try TokenSigner.part(Self.claims(["sub": "admin"]))
        let cases: [(String, TokenError)] = [
            ("", .malformed("expected 3 dot-separated parts, got 1")),
            ("a.b", .malformed("expected 3 dot-separated parts, got 2")),
            ("!!.\(parts[1]).\(parts[2])", .malformed("header: not base64url")),
            ("\(TokenSigner.base64URL(Data("[1]".utf8))).\(parts[1]).\(parts[2])", .malformed("header: not a JSON object")),
            ("\(parts[0]).\(parts[1]).a+b", .malformed("signature: not base64url")),
            ("\(parts[0]).\(forgedPayload).\(parts[2])", .badSignature),
            (try otherEC.token(Self.claims()), .badSignature),
            (try Self.ec.token(Self.claims(), header: ["alg": "none"]), .unsupportedAlgorithm("none")),
            (try Self.ec.token(Self.claims(), header: ["kid": "gone"]), .unknownKey("gone")),
            (try Self.ec.token(Self.claims(), header: ["crit": ["exp"]]), .malformed("header: 'crit' extensions are not supported")),
            (try Self.ec.token(Self.claims(["exp": Self.now.timeIntervalSince1970 - 31])), .expired),
            (try Self.ec.token(Self.claims(["exp": nil])), .missingClaim("exp")),
            (try Self.ec.token(Self.claims(["exp": "tomorrow"])), .missingClaim("exp")),
            (try Self.ec.token(Self.claims(["nbf": Self.now.timeIntervalSince1970 + 60])), .notYetValid),
            (try Self.ec.token(Self.claims(["iss": "https://evil.example"])), .wrongIssuer("https://evil.example")),
            (try Self.ec.token(Self.claims(["iss": nil])), .missingClaim("iss")),
            (try Self.ec.token(Self.claims(["aud": "someone-else"])), .wrongAudience),
            (try Self.ec.token(Self.claims(["aud": nil])), .wrongAudience),
            (try Self.ec.token(Self.claims(["sub": nil])), .missingClaim("sub")),
            (try Self.ec.token(Self.claims(["sub": ""])), .missingClaim("sub")),
        ]
        for (token, expected) in cases {
            #expect(throws: expected, "\(expected)") { try verifier.identity(fromToken: token, now: Self.now) }
        }
    }

    @Test func timesAllowTheLeewayAndNoMore() throws {
        let verifier = try Self.jwksVerifier()
        let justExpired = try Self.ec.token(Self.claims(["exp": Self.now.timeIntervalSince1970 - 29]))
        let soonValid = try Self.ec.token(Self.claims(["nbf": Self.now.timeIntervalSince1970 + 29]))
        #expect(try verifier.identity(fromToken: justExpired, now: Self.now).subject == "user-7")
        #expect(try verifier.identity(fromToken: soonValid, now: Self.now).subject == "user-7")
    }

    /// The classic confusion attack: an HS256 token "signed" with the RSA public key as the secret.
    @Test func aTokenCannotChooseHowItIsVerified() throws {
        let publicKeyBytes = Self.rsaKey.publicKey.derRepresentation
        let confused = TokenSigner(key: .hmac(SymmetricKey(data: publicKeyBytes)), kid: "rsa-1")
        #expect(throws: TokenError.unsupportedAlgorithm("HS256")) {
            try Self.jwksVerifier().identity(fromToken: try confused.token(Self.claims()), now: Self.now)
        }
        let rsaWithECKid = try Self.rsa.token(Self.claims(), header: ["kid": "ec-1"])
        #expect(throws: TokenError.unknownKey("ec-1")) {
            try Self.jwksVerifier().identity(fromToken: rsaWithECKid, now: Self.now)
        }
    }

    @Test func withoutAudienceTheClaimIsNotRequired() throws {
        let token = try Self.rsa.token(Self.claims(["aud": nil]))
        #expect(try Self.jwksVerifier(audience: nil).identity(fromToken: token, now: Self.now).subject == "user-7")
    }

    @Test func aKidlessTokenTriesEveryKeyOfItsAlgorithm() throws {
        let token = try TokenSigner(key: Self.ec.key, kid: nil).token(Self.claims())
        #expect(try Self.jwksVerifier().identity(fromToken: token, now: Self.now).subject == "user-7")
    }

    /// Bad key sets name the key at fault; unusable kinds are skipped, not fatal.
    @Test func keySetsAreCheckedAndNameTheBadKey() throws {
        let ec = try Self.ec.jwk()
        var missingX = ec
        missingX["x"] = nil
        var badY = ec
        badY["y"] = "!!"
        var offCurve = ec
        offCurve["y"] = offCurve["x"]
        let cases: [(Data, TokenError)] = [
            (Data("[]".utf8), .invalidKeySet("not a JSON object")),
            (Data("{}".utf8), .invalidKeySet("no 'keys' array")),
            (try TokenSigner.jwks([ec, missingX]), .invalidKeySet("keys[1].x: missing")),
            (try TokenSigner.jwks([badY]), .invalidKeySet("keys[0].y: not base64url")),
            (try TokenSigner.jwks([offCurve]), .invalidKeySet("keys[0]: not a point of P-256")),
            (try TokenSigner.jwks([["n": "AQAB"]]), .invalidKeySet("keys[0]: no 'kty'")),
            (try TokenSigner.jwks([["kty": "OKP", "crv": "Ed25519", "x": "AQAB"]]), .invalidKeySet("no RS256 or ES256 signing key in the set")),
        ]
        for (json, expected) in cases {
            #expect(throws: expected, "\(expected)") { try JSONWebKeySet.keys(json: json) }
        }
        var encryption = try Self.rsa.jwk()
        encryption["use"] = "enc"
        #expect(try JSONWebKeySet.keys(json: try TokenSigner.jwks([encryption, ec])).map(\.algorithm) == ["ES256"])
        #expect(throws: TokenError.self) {
            try JSONWebKeySet.keys(contentsOf: URL(fileURLWithPath: "/nonexistent/jwks.json"))
        }
    }
}
