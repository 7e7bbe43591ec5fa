import Yams

/// Yams' `compose` (a node tree with marks) with its default resolver, which
/// guesses each scalar's type with regular expressions.
func yamsCompose(_ text: String) throws -> Bool {
    try Yams.compose(yaml: text) != nil
}

/// Yams' `compose` with `Resolver.basic`, which guesses nothing.
func yamsComposeBasic(_ text: String) throws -> Bool {
    try Yams.compose(yaml: text, .basic) != nil
}
