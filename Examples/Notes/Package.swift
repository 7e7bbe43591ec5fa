// swift-tools-version:6.1
import Foundation
import PackageDescription

// Polaris itself, two folders up; SwiftPM names a local package after its folder.
let polaris = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let package = Package(
    name: "Notes",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: polaris.path)],
    targets: [
        // Sources/Notes/polaris.yaml becomes Swift at build time.
        .executableTarget(
            name: "Notes",
            dependencies: [.product(name: "PolarisRuntime", package: polaris.lastPathComponent.lowercased())],
            plugins: [.plugin(name: "PolarisGenerator", package: polaris.lastPathComponent.lowercased())]
        )
    ]
)
