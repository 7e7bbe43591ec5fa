/// A synthetic schema of `tables` tables, each with 10 fields of varied
/// types and 2 indexes (1,000 tables make about 0.36 MB).
func syntheticSchema(tables: Int) -> String {
    var text = "version: 1\ntypes:\n  Status: enum<draft, active, archived>\ntables:\n"
    for table in 0..<tables {
        let name = "table\(table)"
        // References go to the first table of each group of ten, as an app's
        // tables reference a few hubs (users, projects). A ring through every
        // table would make one chain of 1,000 typed references, on which LLVM's
        // call graph (LazyCallGraph::visitReferences) is quadratic for any
        // Swift code, hand-written or generated.
        let other = "table\(table / 10 * 10)"
        text += """
              \(name):
                fields:
                  title: string
                  count: int64
                  score: number?
                  done: boolean
                  ref: id<\(other)>
                  tags: array<string>
                  status: Status
                  meta: record<string, number>
                  kind: enum<a, b, c>?
                  place: { object: { x: number, y: number } }
                indexes:
                  by_title: [title, count]
                  by_ref: [ref]

            """
    }
    return text
}
