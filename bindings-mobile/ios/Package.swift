// swift-tools-version:5.9
// The paysel Swift package. `./build-xcframework.sh` produces both inputs:
// PayselFFI.xcframework (the Rust static library for iOS devices, the iOS
// simulator and macOS, with the C headers of the FFI) and the generated
// Swift sources in Sources/Paysel/.
import PackageDescription

let package = Package(
    name: "Paysel",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "Paysel", targets: ["Paysel"]),
    ],
    targets: [
        .binaryTarget(name: "PayselFFI", path: "PayselFFI.xcframework"),
        .target(name: "Paysel", dependencies: ["PayselFFI"], path: "Sources/Paysel"),
        .testTarget(name: "PayselTests", dependencies: ["Paysel"], path: "Tests/PayselTests"),
    ]
)
