import PolarisRuntime

// The model, its validator and its index ranges all come from polaris.yaml.
let note = Note(_id: Id("n1"), _creationTime: 0, title: "Groceries", pinned: false, tags: ["home"])
let json = try note.convexValue.convexJSON()
print(json)
let decoded = try Note(convexValue: Value(convexJSON: json))
print(decoded == note ? "round trip ok" : "round trip changed the note")
do {
    try Note.validator.validate(Value(convexJSON: #"{"_id":"n2","_creationTime":1.0,"title":3.0,"pinned":true,"tags":[]}"#))
} catch {
    print("rejected: \(error)")
}
