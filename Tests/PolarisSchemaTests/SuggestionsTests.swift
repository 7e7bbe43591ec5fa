import Testing
@testable import PolarisSchema

@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("strng", "string"), ("tabels", "tables"), ("indexs", "indexes"), ("Profle", "Profile"), ("querry", "query"),
    ])
    func suggestsCloseNames(_ typo: String, _ meant: String) {
        #expect(Suggestions.closest(to: typo, among: ["string", "tables", "indexes", "Profile", "query", "number"]) == meant)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestions.closest(to: "xyzzy", among: ["string", "number"]) == nil)
        #expect(Suggestions.closest(to: "a", among: ["b"]) == nil)
    }

    @Test(arguments: [("", "abc", 3), ("abc", "abc", 0), ("abcd", "abdc", 1), ("kitten", "sitting", 3)])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(Suggestions.editDistance(a, b) == distance)
    }
}
