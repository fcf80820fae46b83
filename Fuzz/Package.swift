// swift-tools-version:6.0
// libFuzzer targets for iaclint's front ends. A separate package so the main build never sees fuzzer
// flags; build with `scripts/fuzz` (adds -sanitize=fuzzer,address -parse-as-library).
import PackageDescription

// A path dependency's identity is its directory name, which differs between checkouts and worktrees.
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "iaclint"

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: [.product(name: "IaCLintKit", package: mainPackage), "FuzzerDriver"])
}

let package = Package(
    name: "iaclint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzerDriver"),
        fuzzTarget("fuzz-hcl"),
        fuzzTarget("fuzz-terraform"),
        fuzzTarget("fuzz-yaml"),
        fuzzTarget("fuzz-plan"),
    ]
)
