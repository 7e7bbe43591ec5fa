extension SchemaChecker {
    /// Validators are not recursive: no named type may contain itself, and
    /// no table may contain its own documents (`doc<t>`), directly or through others.
    func checkCycles(types: [NamedType], tables: [Table]) {
        let nodes = types.map { Node(kind: "type", name: $0.name, location: $0.location) }
            + tables.map { Node(kind: "table", name: $0.name, location: $0.location) }
        var typeIndex: [String: Int] = Dictionary(minimumCapacity: types.count)
        for (position, type) in types.enumerated() where typeIndex[type.name] == nil { typeIndex[type.name] = position }
        var tableIndex: [String: Int] = Dictionary(minimumCapacity: tables.count)
        for (position, table) in tables.enumerated() where tableIndex[table.name] == nil {
            tableIndex[table.name] = types.count + position
        }
        func successors(of type: SchemaType) -> [Int] {
            var result: [Int] = []
            type.forEachReference { reference in
                switch reference {
                case .named(let name): if let target = typeIndex[name] { result.append(target) }
                case .document(let table): if let target = tableIndex[table] { result.append(target) }
                default: break
                }
            }
            return result
        }
        let edges = types.map { successors(of: $0.type) } + tables.map { table in
            table.allFields.flatMap { successors(of: $0.type) }
        }
        for component in Graph.stronglyConnectedComponents(edges) {
            guard component.count > 1 || edges[component[0]].contains(component[0]) else { continue }
            let members = Set(component)
            for node in component.sorted() {
                let cycle = Graph.shortestCycle(through: node, edges: edges, within: members)
                let route = cycle.map { nodes[$0].label }.joined(separator: " -> ")
                let subject = nodes[node]
                let verb = subject.kind == "type" ? "refers to itself" : "contains its own documents"
                diagnostics.error(
                    "\(subject.kind) '\(subject.name)' \(verb) (\(route)); validators cannot be recursive",
                    at: subject.location)
            }
        }
    }

    private struct Node {
        var kind: String
        var name: String
        var location: SourceLocation

        /// How a cycle's route names the node: a type by its name, a table as `doc<t>`.
        var label: String { kind == "type" ? name : "doc<\(name)>" }
    }
}

extension Table {
    /// Every field of the table, across its variants.
    var allFields: [Field] {
        switch shape {
        case .fields(let fields): fields
        case .variants(let variants): variants.flatMap(\.fields)
        }
    }
}

extension SchemaType {
    /// Calls `body` with every `.named` and `.document` type inside this one.
    func forEachReference(_ body: (SchemaType) -> Void) {
        switch self {
        case .named, .document: body(self)
        case .array(let element), .page(let element): element.forEachReference(body)
        case .record(let keys, let values):
            keys.forEachReference(body)
            values.forEachReference(body)
        case .union(let members): members.forEach { $0.forEachReference(body) }
        case .object(let fields): fields.forEach { $0.type.forEachReference(body) }
        default: break
        }
    }
}

/// Graph algorithms over nodes numbered from 0, edges as successor lists.
enum Graph {
    /// Tarjan's strongly connected components, iteratively (no recursion, so
    /// long chains cannot overflow the stack).
    static func stronglyConnectedComponents(_ edges: [[Int]]) -> [[Int]] {
        let count = edges.count
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<count where index[root] == -1 {
            var work: [(node: Int, next: Int)] = []
            func visit(_ node: Int) {
                index[node] = counter
                low[node] = counter
                counter += 1
                stack.append(node)
                onStack[node] = true
                work.append((node, 0))
            }
            visit(root)
            while let (node, next) = work.last {
                if next < edges[node].count {
                    work[work.count - 1].next += 1
                    let successor = edges[node][next]
                    if index[successor] == -1 {
                        visit(successor)
                    } else if onStack[successor] {
                        low[node] = min(low[node], index[successor])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                components.append(component)
            }
        }
        return components
    }

    /// The shortest path from `start` back to itself inside `members`,
    /// starting and ending with `start`.
    static func shortestCycle(through start: Int, edges: [[Int]], within members: Set<Int>) -> [Int] {
        var previous: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in edges[node] where members.contains(successor) {
                if successor == start {
                    var path = [start]
                    var step = node
                    while step != start {
                        path.append(step)
                        step = previous[step]!
                    }
                    return [start] + path.dropFirst().reversed() + [start]
                }
                if previous[successor] == nil {
                    previous[successor] = node
                    queue.append(successor)
                }
            }
        }
        return [start, start]
    }
}
