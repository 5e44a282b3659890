// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ventes",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "VentesKit", targets: ["VentesKit"]),
        .executable(name: "ventes", targets: ["ventes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The refresh service (`ventes watch`): run it, and stop it gracefully on SIGTERM/SIGINT.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The PostgreSQL store (Database/PostgreSQL): the client the Swift server ecosystem maintains.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Test-only: the loopback HTTP server of the HTTP source tests.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .target(
            name: "VentesKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "ventes",
            dependencies: [
                "VentesKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "VentesKitTests",
            dependencies: ["VentesKit", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "VentesCLITests",
            dependencies: [
                "ventes", "VentesKit", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
