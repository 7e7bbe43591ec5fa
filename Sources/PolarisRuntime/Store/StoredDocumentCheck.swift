import Foundation
internal import GRDB

/// A stored document that its table's new validator rejects.
public struct InvalidDocument: Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var id: String
    /// The path of the bad value and what was expected there.
    public var error: ValueError

    public var description: String { "\(table) \(id): \(error)" }

    package init(table: String, id: String, error: ValueError) {
        self.table = table
        self.id = id
        self.error = error
    }
}

/// What checking stored documents against validators found: how many were
/// checked, the first `limit` that failed, and how many failed in all.
public struct DocumentCheckReport: Sendable {
    /// How many failures are kept.
    public static let limit = 100
    /// Documents checked, per table, in the order checked.
    public private(set) var checked: [(table: String, count: Int)] = []
    /// The first `limit` documents that failed, in table and storage order.
    public private(set) var failures: [InvalidDocument] = []
    /// Every document that failed.
    public private(set) var failureCount = 0
    /// Stored tables the schema lacks, with the documents they hold.
    public private(set) var unknownTables: [(table: String, count: Int)] = []

    /// Whether every document fits, and no stored table that holds documents is missing from the schema.
    public var isValid: Bool { failureCount == 0 && unknownTables.allSatisfy { $0.count == 0 } }

    package init() {}

    mutating func record(unknownTable table: String, holding count: Int) {
        unknownTables.append((table, count))
    }

    package mutating func record(_ table: String, checked count: Int) {
        checked.append((table, count))
    }

    package mutating func record(_ failure: InvalidDocument) {
        failureCount += 1
        if failures.count < Self.limit { failures.append(failure) }
    }
}

/// Reads a table's stored rows with the layout they were written with and
/// checks each document against a validator; the store's migrations and
/// the data check both go through it.
struct StoredRowsCheck {
    /// The layout the rows were written with.
    let stored: StoreTable
    /// The validator of whole documents (`_id` and `_creationTime` included).
    let validator: Validator
    /// For an object validator: each field's offset among the stored columns (nil: no such column).
    private let offsets: [Int?]?
    /// Offsets of stored columns the object validator does not name.
    private let unknown: [Int]

    init(stored: StoreTable, validator: Validator) {
        self.stored = stored
        self.validator = validator
        if case .object(let fields) = validator {
            offsets = fields.map { field in stored.names.firstIndex(of: field.name) }
            unknown = stored.names.indices.filter { offset in !fields.contains { $0.name == stored.names[offset] } }
        } else {
            (offsets, unknown) = (nil, [])
        }
    }

    /// Steps through every row of the SQL table `sqlName`; each invalid
    /// document goes to `report`, and while none has failed (in any table the
    /// report covers) each valid one's column values, in `stored.names`
    /// order, go to `body`. The report also counts the rows.
    func run(_ db: Database, from sqlName: String, report: inout DocumentCheckReport, body: ([Value?]) throws -> Void = { _ in }) throws {
        let columns = stored.names.map { SQLText.quote(SQLText.identifier($0)) }
        let statement = try db.makeStatement(sql: "SELECT \(columns.joined(separator: ", ")) FROM \(SQLText.quote(sqlName))")
        defer { statement.finishReading() }
        var values = [Value?](repeating: nil, count: stored.readings.count)
        var count = 0
        while try statement.step(in: db) {
            count += 1
            for (index, reading) in stored.readings.enumerated() {
                values[index] = try statement.column(at: Int32(index), as: reading).value
            }
            do {
                try validate(values)
                if report.isValid { try body(values) }
            } catch let error as ValueError {
                let id = if case .string(let id)? = values[0] { id } else { "?" }
                report.record(InvalidDocument(table: stored.name, id: id, error: error))
            }
        }
        report.record(stored.name, checked: count)
    }

    /// Checks one row's values: field by field for an object validator, as a whole document otherwise.
    private func validate(_ values: [Value?]) throws(ValueError) {
        guard let offsets, case .object(let fields) = validator else {
            var object: [String: Value] = [:]
            for (name, value) in zip(stored.names, values) { object[name] = value }
            return try validator.validate(.object(object))
        }
        try Validator.validateFields(fields) { offset, _ in offsets[offset].flatMap { values[$0] } }
        for offset in unknown where values[offset] != nil {
            throw ValueError(path: ValuePath(), message: "unexpected field '\(stored.names[offset])'")
        }
    }
}
