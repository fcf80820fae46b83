// swift-tools-version:6.0
// iaclint: a fast linter that proves API Gateway stages write access logs, across Terraform,
// CloudFormation/SAM and Terraform plan JSON.
import PackageDescription

let package = Package(
    name: "iaclint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iaclint", targets: ["iaclint"]),
        .library(name: "IaCLintKit", targets: ["IaCLintKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Thin executable: parses arguments, calls IaCLintKit.
        .executableTarget(name: "iaclint", dependencies: [
            "IaCLintKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Throughput benchmarks per front end (run in release mode; see BENCHMARKS.md).
        .executableTarget(name: "iaclint-bench", dependencies: [
            "IaCLintCore", "HCL", "Terraform", "CloudFormation", "TerraformPlan", "PositionedJSON", "IaCLintKit",
        ]),
        // Pipeline: discovery, front-end dispatch, config, suppressions, baseline, reporters.
        .target(name: "IaCLintKit", dependencies: [
            "IaCLintCore", "IaCLintRules", "HCL", "Terraform", "CloudFormation", "TerraformPlan", "PositionedJSON", "YAML",
            "CAllocator",
        ]),
        // The API Gateway logging model and the rules; pure.
        .target(name: "IaCLintRules", dependencies: ["IaCLintCore"]),
        // Positions, diagnostics, values, resources, graph, findings. No dependencies.
        .target(name: "IaCLintCore"),
        // HCL native syntax: lexer, parser, AST. Syntax only.
        .target(name: "HCL", dependencies: ["IaCLintCore"]),
        // A small positioned JSON reader shared by .tf.json, CloudFormation JSON and plans.
        .target(name: "PositionedJSON", dependencies: ["IaCLintCore"]),
        // Terraform modules, variables, evaluation and functions into the resource graph.
        .target(name: "Terraform", dependencies: ["IaCLintCore", "HCL", "PositionedJSON"]),
        // A positioned YAML node tree over libyaml (CloudFormation templates, .iaclint.yml).
        .target(name: "YAML", dependencies: ["IaCLintCore", "CYAML"]),
        // CloudFormation and SAM templates (YAML or JSON) into the resource graph.
        .target(name: "CloudFormation", dependencies: ["IaCLintCore", "YAML", "PositionedJSON"]),
        // `terraform show -json` plans and states into the resource graph.
        .target(name: "TerraformPlan", dependencies: ["IaCLintCore", "PositionedJSON"]),
        // glibc malloc settings (mallopt is not in Swift's Glibc module).
        .target(name: "CAllocator"),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // Test helpers: testdata and corpus locations, golden files.
        .target(name: "TestSupport", dependencies: ["IaCLintCore"], path: "Tests/TestSupport"),
        .testTarget(name: "IaCLintCoreTests", dependencies: ["IaCLintCore", "TestSupport"]),
        .testTarget(name: "HCLTests", dependencies: ["HCL", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "PositionedJSONTests", dependencies: ["PositionedJSON", "TestSupport"]),
        .testTarget(name: "TerraformTests", dependencies: ["Terraform", "HCL", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "CloudFormationTests", dependencies: ["CloudFormation", "YAML", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "TerraformPlanTests", dependencies: ["TerraformPlan", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "IaCLintRulesTests", dependencies: ["IaCLintRules", "IaCLintKit", "IaCLintCore", "TestSupport"]),
        .testTarget(name: "IaCLintKitTests", dependencies: ["IaCLintKit", "IaCLintCore", "CAllocator", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["IaCLintKit", "TestSupport"]),
    ]
)
