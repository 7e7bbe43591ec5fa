import PolarisRuntime
import Testing

/// The sync protocol's own encodings, shared by the server and the client.
struct WireJSONTests {
    @Test func encodedU64IsPaddedBase64OfTheLittleEndianBytes() {
        // spec/convex-wire.md, section 4.2.
        #expect(WireJSON.encodedU64(1_700_000_000_000_000_000).text == #""AAAqNv6clxc=""#)
        #expect(WireJSON.decodedU64("AAAqNv6clxc=") == 1_700_000_000_000_000_000)
        #expect(WireJSON.decodedU64("AAAqNv6clxc") == nil)
        #expect(WireJSON.decodedU64("AAAq") == nil)
    }

    @Test func stateVersionsRoundTrip() throws {
        let version = StateVersion(querySet: 3, identity: 1, timestamp: 1_700_000_000_000_000_000)
        #expect(version.json.text == #"{"querySet":3,"identity":1,"ts":"AAAqNv6clxc="}"#)
        #expect(StateVersion(try Value(convexJSON: version.json.text)) == version)
        #expect(StateVersion().json.text == #"{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="}"#)
        #expect(StateVersion(try Value(convexJSON: #"{"querySet":3,"identity":1}"#)) == nil)
    }
}
