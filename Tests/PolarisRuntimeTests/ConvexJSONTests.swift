import Foundation
import Testing
import PolarisRuntime

/// Convex JSON (spec/convex-wire.md section 1), byte for byte.
@Suite struct ConvexJSONTests {
    /// Section 1.4's table of exact encodings.
    @Test(arguments: [
        (Value.int64(0), #"{"$integer":"AAAAAAAAAAA="}"#),
        (.int64(1), #"{"$integer":"AQAAAAAAAAA="}"#),
        (.int64(42), #"{"$integer":"KgAAAAAAAAA="}"#),
        (.int64(-1), #"{"$integer":"//////////8="}"#),
        (.int64(-2), #"{"$integer":"/v////////8="}"#),
        (.int64(.max), #"{"$integer":"/////////38="}"#),
        (.int64(.min), #"{"$integer":"AAAAAAAAAIA="}"#),
        (.float64(.nan), #"{"$float":"AAAAAAAA+H8="}"#),
        (.float64(.infinity), #"{"$float":"AAAAAAAA8H8="}"#),
        (.float64(-.infinity), #"{"$float":"AAAAAAAA8P8="}"#),
        (.float64(-0.0), #"{"$float":"AAAAAAAAAIA="}"#),
        (.float64(0.5), "0.5"),
        (.float64(3), "3.0"),
        (.float64(0), "0.0"),
        (.float64(1e20), "1e+20"),
        (.bytes([0x00, 0x01, 0xFF]), #"{"$bytes":"AAH/"}"#),
        (.bytes(Array("hello".utf8)), #"{"$bytes":"aGVsbG8="}"#),
        (.bytes([]), #"{"$bytes":""}"#),
        (.string("h\u{e9}llo \"q\" \\ \n\u{1}"), #""héllo \"q\" \\ \n\u0001""#),
        (.string("\t\r\u{1f}\u{7f}😀\""), #""\t\r\u001f\#u{7f}😀\"""#),
        (.null, "null"),
        (.boolean(true), "true"),
    ])
    func exactEncodings(_ value: Value, _ json: String) throws {
        #expect(try value.convexJSON() == json)
        #expect(try Value(convexJSON: json) == value)
    }

    /// The whole value a server sent and the Python client decoded (section 1.4).
    @Test func aWholeValueRoundTripsWithSortedFields() throws {
        let json = #"{"arr":[1.5,"x"],"bool":true,"bytes":{"$bytes":"AAH/"},"float":3.0,"#
            + #""inf":{"$float":"AAAAAAAA8H8="},"int":{"$integer":"/v////////8="},"#
            + #""nan":{"$float":"AAAAAAAA+H8="},"negzero":{"$float":"AAAAAAAAAIA="},"#
            + #""null":null,"str":"h\u00e9llo"}"#
        let value = try Value(convexJSON: json)
        #expect(value == .object([
            "arr": .array([.float64(1.5), .string("x")]), "bool": .boolean(true), "bytes": .bytes([0, 1, 255]),
            "float": .float64(3), "inf": .float64(.infinity), "int": .int64(-2), "nan": .float64(.nan),
            "negzero": .float64(-0.0), "null": .null, "str": .string("héllo"),
        ]))
        #expect(try value.convexJSON() == json.replacingOccurrences(of: #"\u00e9"#, with: "é"))
    }

    @Test func bareNumbersAreAlwaysFloat64() throws {
        #expect(try Value(convexJSON: "7") == .float64(7))
        #expect(try Value(convexJSON: "[7, 7.0, -1e3]") == .array([.float64(7), .float64(7), .float64(-1000)]))
    }

    @Test func floatsCompareByTheirBits() {
        #expect(Value.float64(0) != .float64(-0.0))
        #expect(Value.float64(.nan) == .float64(.nan))
        #expect(Set([Value.float64(.nan), .float64(.nan)]).count == 1)
    }

    @Test(arguments: [
        (#"{"$float":"AAAAAAAA+D8="}"#, "(root): $float is only for NaN, infinities and -0.0; write 1.5 as a number"),
        (#"{"$integer":"AQAAAAAAAA=="}"#, "(root): $integer must hold exactly 8 bytes"),
        (#"{"$integer":"AQAAAAAAAAA"}"#, "(root): $integer must hold a padded base64 string"),
        (#"{"$bytes":1.0}"#, "(root): $bytes must hold a padded base64 string"),
        (#"{"a":{"$x":1}}"#, "a: field name '$x' begins with '$', which is reserved"),
        (#"{"a":[1,{"é":1}]}"#, "a[1]: field name 'é' has a character that is not printable ASCII"),
        (#"{"a":1,"a":2}"#, "(root): field 'a' appears twice"),
        ("[1,]", "(root): invalid JSON at byte 3: expected a value"),
        ("01", "(root): invalid JSON at byte 0: a number has a leading zero"),
        ("1e999", "(root): invalid JSON at byte 0: the number 1e999 is out of range"),
        ("\"a", "(root): invalid JSON at byte 2: unterminated string"),
        (#""\ud800""#, "(root): invalid JSON at byte 7: a lone surrogate in a string"),
        ("[] x", "(root): invalid JSON at byte 3: unexpected text after the value"),
        ("", "(root): invalid JSON at byte 0: expected a value, found the end"),
    ])
    func badInputIsRefusedWithItsPath(_ json: String, _ message: String) {
        #expect(throws: ValueError.self) { try Value(convexJSON: json) }
        do {
            _ = try Value(convexJSON: json)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func limitsAreEnforced() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: ValueError.self) { try Value(convexJSON: deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Value(convexJSON: fine) }
        let wide = "[" + Array(repeating: "1", count: 8193).joined(separator: ",") + "]"
        #expect(throws: ValueError.self) { try Value(convexJSON: wide) }
        #expect(throws: ValueError.self) { try Value.object(["$bad": .null]).convexJSON() }
    }

    /// The example of docs/runtime-values.md.
    @Test func theDocsExampleIsExact() throws {
        let value = Value.object([
            "name": .string("My Project"), "limit": .float64(10), "count": .int64(3), "blob": .bytes([0x00, 0x01, 0xFF]),
        ])
        let json = try value.convexJSON()
        #expect(json == #"{"blob":{"$bytes":"AAH/"},"count":{"$integer":"AwAAAAAAAAA="},"limit":10.0,"name":"My Project"}"#)
        #expect(try Value(convexJSON: json) == value)
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try Value(convexJSON: #""\ud83d\ude00""#) == .string("😀"))
    }
}
