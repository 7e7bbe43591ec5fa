/// Who is calling: the claims of a verified token.
public struct Identity: Hashable, Sendable, Codable {
    /// The user's ID at the issuer (the token's `sub`).
    public var subject: String
    /// The token's `iss`.
    public var issuer: String
    /// `issuer|subject`: unique across issuers.
    public var tokenIdentifier: String
    public var email: String?
    public var name: String?

    public init(subject: String, issuer: String, email: String? = nil, name: String? = nil) {
        self.subject = subject
        self.issuer = issuer
        self.tokenIdentifier = "\(issuer)|\(subject)"
        self.email = email
        self.name = name
    }
}
