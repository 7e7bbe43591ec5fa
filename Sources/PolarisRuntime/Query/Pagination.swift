/// Convex's `paginationOpts`: how many documents a page holds and where it starts.
public struct PaginationOptions: ConvexValueConvertible, Codable {
    /// The page size the client asks for.
    public var numItems: Double
    /// Where the page starts: nil for the first page, else a previous page's `continueCursor`.
    public var cursor: String?
    /// Where the page ends, when a client re-fetches a page it already has.
    public var endCursor: String??
    /// The client's own number for the paginated query (Convex's React hooks send it).
    public var id: Double?
    public var maximumRowsRead: Double?
    public var maximumBytesRead: Double?

    public init(numItems: Double, cursor: String? = nil, endCursor: String?? = nil) {
        self.numItems = numItems
        self.cursor = cursor
        self.endCursor = endCursor
    }

    public init(convexValue: Value) throws {
        var object = try ObjectDecoder(convexValue)
        numItems = try object.required("numItems")
        cursor = try object.required("cursor")
        endCursor = try object.optional("endCursor")
        id = try object.optional("id")
        maximumRowsRead = try object.optional("maximumRowsRead")
        maximumBytesRead = try object.optional("maximumBytesRead")
        try object.finish()
    }

    public static func convexValue(of value: PaginationOptions) -> Value {
        var object = ObjectEncoder(capacity: 6)
        object.set("numItems", value.numItems)
        object.set("cursor", value.cursor)
        object.set("endCursor", ifPresent: value.endCursor)
        object.set("id", ifPresent: value.id)
        object.set("maximumRowsRead", ifPresent: value.maximumRowsRead)
        object.set("maximumBytesRead", ifPresent: value.maximumBytesRead)
        return object.value
    }

    public static let validator = Validator.object([
        FieldValidator("numItems", .number),
        FieldValidator("cursor", .union([.string, .null])),
        FieldValidator("endCursor", .union([.string, .null]), optional: true),
        FieldValidator("id", .number, optional: true),
        FieldValidator("maximumRowsRead", .number, optional: true),
        FieldValidator("maximumBytesRead", .number, optional: true),
    ])
}

extension Double {
    /// A number a client sent as a count (`numItems`, a `limit`): its whole
    /// part, 0 for NaN or less, at most `Int32.max`, so no value can trap.
    public var clampedCount: Int {
        guard self > 0 else { return 0 }
        return Int(Swift.min(self, Double(Int32.max)))
    }
}

/// One page of a paginated query, as Convex returns it.
public struct Page<Item: ConvexValueConvertible>: ConvexValueConvertible, Codable {
    public var page: [Item]
    /// No document follows this page.
    public var isDone: Bool
    /// Pass it as the next call's `cursor` to get the following page.
    public var continueCursor: String

    public init(page: [Item], isDone: Bool, continueCursor: String) {
        self.page = page
        self.isDone = isDone
        self.continueCursor = continueCursor
    }

    public init(convexValue: Value) throws {
        var object = try ObjectDecoder(convexValue)
        page = try object.required("page")
        isDone = try object.required("isDone")
        continueCursor = try object.required("continueCursor")
        try object.finish()
    }

    public static func convexValue(of value: Page) -> Value {
        var object = ObjectEncoder(capacity: 3)
        object.set("page", value.page)
        object.set("isDone", value.isDone)
        object.set("continueCursor", value.continueCursor)
        return object.value
    }

    public static var validator: Validator {
        .object([
            FieldValidator("page", .array(Item.validator)),
            FieldValidator("isDone", .boolean),
            FieldValidator("continueCursor", .string),
        ])
    }
}
