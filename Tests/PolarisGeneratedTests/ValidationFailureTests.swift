import PolarisGenerated
import PolarisRuntime
import Testing

/// Bad values through the generated `Message`: the validator and the
/// decoder both name the path and what was expected, in the same words.
struct ValidationFailureTests {
    /// Each bad value, the message both the validator and the decoder give.
    static let failures: [(String, String, String)] = [
        ("toolCalls", #"[{"id":"a","name":"n","args":null},{"id":"b","name":"n","args":1.0},{"id":3.0,"name":"n","args":null}]"#,
         "toolCalls[2].id: expected string, got number"),
        ("toolCalls", #"[{"id":"a","name":"n"}]"#, "toolCalls[0]: missing required field 'args'"),
        ("toolCalls", #"[{"id":"a","name":"n","args":1.0,"extra":true}]"#, "toolCalls[0]: unexpected field 'extra'"),
        ("status", #""done""#, #"status: expected "processing" | "completed" | "cancelled" | "failed", got string"#),
        ("role", #"{"$integer":"AQAAAAAAAAA="}"#, #"role: expected "user" | "assistant", got int64"#),
        ("conversationId", "1.0", "conversationId: expected id<conversations>, got number"),
    ]

    @Test(arguments: failures)
    func failuresNameThePathAndWhatWasExpected(field: String, json: String, message: String) throws {
        var fields = try #require(objectFields(Value(convexJSON: """
            {"_id":"\(TestIDs.of("messages", "m1"))","_creationTime":1.0,"conversationId":"\(TestIDs.of("conversations", "c1"))",\
            "projectId":"\(TestIDs.of("projects", "p1"))","role":"user","content":"hi"}
            """)))
        fields[field] = try Value(convexJSON: json)
        let value = Value.object(fields)
        #expect(throws: ValueError.self) { try Message.validator.validate(value) }
        do {
            try Message.validator.validate(value)
        } catch {
            #expect(error.description == message)
        }
        do {
            _ = try Message(convexValue: value)
            Issue.record("decoded a bad value")
        } catch let error as ValueError {
            #expect(error.description == message)
        }
    }


    private func objectFields(_ value: Value) -> [String: Value]? {
        if case .object(let fields) = value { fields } else { nil }
    }
}
