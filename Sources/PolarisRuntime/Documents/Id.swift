/// The ID of a document of table `Table`: `Id<Project>` and `Id<File>` are
/// different types, so one can never be passed where the other is expected.
public struct Id<Table: Document>: ConvexRecordKey, Codable, Comparable, CustomStringConvertible {
    /// The ID as its string form, as it travels on the wire.
    public let rawValue: String

    /// An ID from its string form (the store checks that it names a document of `Table`).
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(convexValue: Value) throws {
        guard case .string(let text) = convexValue else {
            throw ValueError.mismatch(expected: "id<\(Table.tableName)>", got: convexValue)
        }
        rawValue = text
    }

    public init(recordKey: String) { rawValue = recordKey }
    public var recordKey: String { rawValue }
    @inlinable public static func convexValue(of value: Id) -> Value { .string(value.rawValue) }
    public static var validator: Validator { .id(table: Table.tableName) }
    public static func < (lhs: Id, rhs: Id) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
