// swift-tools-version:6.0
// Agora: a federated knowledge exchange for the Cities Coalition for Digital Rights.
// Dependencies: Foundation, the system SQLite and the system OpenSSL 3. No Swift packages.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// AgoraCrypto's field arithmetic (Curve25519/) verifies every change; unoptimized it is about
/// 50 times slower than OpenSSL, which would make debug builds and the tests crawl. So the
/// target is optimized in debug builds too (tests still see its internals: SwiftPM keeps
/// -enable-testing).
let optimizedEvenInDebug: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Agora",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "agora", targets: ["agora"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "AgoraCore", swiftSettings: strict),
        .target(name: "AgoraCrypto", dependencies: ["COpenSSL", "AgoraCore"], swiftSettings: optimizedEvenInDebug),
        .target(name: "AgoraStore", dependencies: ["CSQLite", "AgoraCore"], swiftSettings: strict),
        .target(name: "AgoraHTTP", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(
            name: "AgoraNode",
            dependencies: ["AgoraCore", "AgoraCrypto", "AgoraStore", "AgoraHTTP"],
            exclude: ["Web/Resources"],  // embedded by scripts/gen-web-resources (WebResources+Generated.swift)
            swiftSettings: strict
        ),
        .target(name: "AgoraCLI", dependencies: ["AgoraNode", "AgoraCore", "AgoraCrypto", "AgoraStore"], swiftSettings: strict),
        .executableTarget(name: "agora", dependencies: ["AgoraCLI"], swiftSettings: strict),
        .executableTarget(name: "agora-bench", dependencies: ["AgoraCore", "AgoraCrypto", "AgoraStore", "AgoraHTTP", "AgoraNode"], swiftSettings: strict),
        .target(
            name: "AgoraTesting",
            dependencies: ["AgoraCore", "AgoraCrypto", "AgoraStore", "AgoraHTTP"],
            swiftSettings: strict
        ),
        .testTarget(name: "AgoraCoreTests", dependencies: ["AgoraCore", "AgoraTesting"], swiftSettings: strict),
        .testTarget(name: "AgoraCryptoTests", dependencies: ["AgoraCrypto", "AgoraTesting"], swiftSettings: strict),
        .testTarget(name: "AgoraStoreTests", dependencies: ["AgoraStore", "AgoraTesting"], swiftSettings: strict),
        .testTarget(name: "AgoraHTTPTests", dependencies: ["AgoraHTTP", "AgoraTesting"], swiftSettings: strict),
        .testTarget(name: "AgoraNodeTests", dependencies: ["AgoraNode", "AgoraTesting"], swiftSettings: strict),
        .testTarget(name: "AgoraCLITests", dependencies: ["AgoraCLI", "AgoraTesting"], swiftSettings: strict),
    ]
)
