/// A schema's tables and the SQL that creates them: what `polaris generate`
/// declares as `<Schema>Database`, and what a store is opened with.
public protocol DatabaseSchema {
    /// Every table, `_storage` first.
    static var tables: [TableDescription] { get }
    /// The DDL for SQLite, as `polaris sql --dialect sqlite` prints it.
    static var sqliteDDL: String { get }
    /// The DDL for PostgreSQL, as `polaris sql --dialect postgres` prints it.
    static var postgresDDL: String { get }
}
