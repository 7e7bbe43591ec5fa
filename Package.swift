// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Polaris",
    products: [
        .library(name: "PolarisSchema", targets: ["PolarisSchema"]),
        .library(name: "PolarisRuntime", targets: ["PolarisRuntime"]),
        .library(name: "PolarisServer", targets: ["PolarisServer"]),
        .library(name: "PolarisPostgres", targets: ["PolarisPostgres"]),
        .library(name: "PolarisClient", targets: ["PolarisClient"]),
        .executable(name: "polaris-server", targets: ["polaris-server"]),
        .executable(name: "polaris", targets: ["polaris"]),
        .executable(name: "polaris-data", targets: ["polaris-data"]),
        .plugin(name: "PolarisGenerator", targets: ["PolarisGenerator"]),
        .plugin(name: "GeneratePolarisCode", targets: ["GeneratePolarisCode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // libyaml from the system: its event parser is the compiler's YAML layer.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The compiler core: YAML with source marks, type expressions, the checker.
        .target(name: "PolarisSchema", dependencies: ["CLibYAML"]),
        // What generated code compiles against: values with Convex's JSON encoding, validators,
        // the typed query API, the function registry, and the document store on SQLite (GRDB).
        .target(
            name: "PolarisRuntime",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        // `polaris generate schema/polaris.yaml --output Generated`, checked in; CI keeps it fresh.
        .target(name: "PolarisGenerated", dependencies: ["PolarisRuntime"], path: "Generated"),
        // The document store on PostgreSQL (postgres-nio): the same runtime interface, for any
        // number of servers on one database, each following the others' commits.
        .target(
            name: "PolarisPostgres",
            dependencies: ["PolarisRuntime", .product(name: "PostgresNIO", package: "postgres-nio")]),
        // The Polaris IDE's backend (the seed's functions), on Generated/.
        .target(name: "PolarisBackend", dependencies: ["PolarisGenerated", "PolarisRuntime"]),
        // Convex's wire protocol over HTTP and WebSocket, on Hummingbird: the HTTP function API
        // and the sync protocol's live queries, for any FunctionRunner.
        .target(
            name: "PolarisServer",
            dependencies: [
                "PolarisRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]),
        // A client of the sync protocol for the generated stubs: typed calls and subscriptions,
        // reconnects, optimistic updates.
        .target(
            name: "PolarisClient",
            dependencies: ["PolarisRuntime", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]),
        // `polaris-server --database FILE`: the Polaris backend over the wire (spec/cli.md).
        .executableTarget(
            name: "polaris-server",
            dependencies: [
                "PolarisServer", "PolarisBackend", "PolarisGenerated", "PolarisRuntime", "PolarisPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The command line: a thin shell over PolarisSchema.
        .executableTarget(
            name: "polaris",
            dependencies: [
                "PolarisSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A schema file's tables as the runtime describes them, for tools that check and migrate
        // databases against a schema read at run time (never linked into `polaris`).
        .target(name: "PolarisData", dependencies: ["PolarisSchema", "PolarisRuntime"]),
        // `polaris-data check|migrate --database FILE SCHEMA`: stored data against a schema.
        .executableTarget(
            name: "polaris-data",
            dependencies: ["PolarisData", "PolarisSchema", "PolarisRuntime", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Build-tool plugin: a target's polaris.yaml becomes Swift sources at build time.
        .plugin(name: "PolarisGenerator", capability: .buildTool(), dependencies: ["polaris"]),
        // Command plugin: refreshes a checked-in folder such as Generated/.
        .plugin(
            name: "GeneratePolarisCode",
            capability: .command(
                intent: .custom(verb: "generate-polaris-code", description: "Regenerate the checked-in Polaris sources"),
                permissions: [.writeToPackageDirectory(reason: "writes the generated Swift sources")]),
            dependencies: ["polaris"]),
        // Release-mode benchmarks that print figures beside their baselines.
        .executableTarget(
            name: "polaris-benchmarks",
            dependencies: [
                "PolarisSchema", "CLibYAML", "PolarisRuntime", "PolarisGenerated", "PolarisBackend", "PolarisServer", "PolarisData",
                "PolarisPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/PolarisBenchmarks"
        ),
        // libFuzzer target for the front end (see scripts/fuzz).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(
            name: "polaris-fuzz", dependencies: ["PolarisSchema", "CLibFuzzer"], path: "Fuzz/SchemaFuzzer"),
        .testTarget(name: "PolarisSchemaTests", dependencies: ["PolarisSchema"], exclude: ["Fixtures"]),
        // Finds what the build put beside the tests (executables, module folders).
        // And the stores each runtime and backend test runs on: SQLite, and PostgreSQL (started for the tests).
        .target(name: "PolarisTestSupport", dependencies: ["PolarisRuntime", "PolarisPostgres"], path: "Tests/Support"),
        .testTarget(name: "PolarisCLITests", dependencies: ["polaris", "PolarisTestSupport"]),
        .testTarget(
            name: "PolarisRuntimeTests",
            dependencies: [
                "PolarisRuntime", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        // The reference output for Tests/Reference/everything.yaml, compiled as it is checked in.
        .target(name: "ReferenceEverything", dependencies: ["PolarisRuntime"], path: "Tests/Reference/Everything"),
        // Generated code at work: decoding, validation, encoding, queries, registration, client stubs.
        // The document store on SQLite, driven through the generated types.
        .testTarget(
            name: "PolarisStoreTests",
            dependencies: ["PolarisGenerated", "ReferenceEverything", "PolarisRuntime", "PolarisPostgres", "PolarisTestSupport"]),
        // Every function of schema/polaris.yaml end to end through the registry on a real store,
        // and a child process killed mid-mutation (polaris-crash-writer).
        .testTarget(
            name: "PolarisBackendTests",
            dependencies: [
                "PolarisBackend", "PolarisGenerated", "PolarisRuntime", "polaris-crash-writer", "PolarisTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .executableTarget(
            name: "polaris-crash-writer", dependencies: ["PolarisBackend", "PolarisGenerated", "PolarisRuntime"],
            path: "Tests/CrashWriter"),
        // The server against Convex's official Python client (Tests/Wire) and in process.
        .testTarget(
            name: "PolarisServerTests",
            dependencies: [
                "PolarisServer", "PolarisBackend", "PolarisGenerated", "PolarisRuntime", "polaris-server",
                "PolarisTestSupport",
            ]),
        // PolarisClient and the generated stubs against polaris-server in a child process.
        .testTarget(
            name: "PolarisClientTests",
            dependencies: [
                "PolarisClient", "PolarisGenerated", "PolarisRuntime", "polaris-server", "PolarisTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Migrations on real database files, the data check, and polaris-data killed mid-migration.
        .testTarget(
            name: "PolarisMigrationTests",
            dependencies: [
                "PolarisData", "PolarisSchema", "PolarisRuntime", "PolarisPostgres", "PolarisGenerated", "ReferenceEverything",
                "polaris-data", "PolarisTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "PolarisGeneratedTests",
            dependencies: [
                "PolarisGenerated", "ReferenceEverything", "PolarisRuntime", "PolarisSchema", "PolarisTestSupport",
            ]),
    ]
)
