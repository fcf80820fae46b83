// Mutated real configurations (seeded, reproducible) load without crashing or hanging.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

/// A small deterministic generator so every run mutates the same way.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 29)
    }
}

final class MutationTests: XCTestCase {
    func testMutatedCorpusFilesNeverCrash() throws {
        guard let corpus = TestPaths.corpus("tf-real/apigw") else { throw XCTSkip(TestPaths.corpusSkipMessage("tf-real/apigw")) }
        var files: [String] = []
        func walk(_ p: String) {
            guard case .success(let names) = FileSystem.list(p) else { return }
            for n in names where !n.hasPrefix(".") {
                let f = p + "/" + n
                if FileSystem.kind(f) == .directory { walk(f) } else if n.hasSuffix(".tf") { files.append(f) }
            }
        }
        walk(corpus)
        files.sort()
        var rng = SeededGenerator(state: 0x1ac1_1e7)
        let dir = try TemporaryDirectory()
        let tokens = ["${", "}", "[", "]", "{", "count = 100000\n", "for_each = var.x\n", "dynamic \"a\" {", "module \"m\" { source = \"./\" }\n", "\"", "%{", "local.a", "var.", "(", ")", "...", "*", "\n", "<<EOT\n", "EOT\n", "try(", "jsonencode(", "x.y.z"]
        for _ in 0..<400 {
            guard case .success(var bytes) = FileSystem.read(files[Int.random(in: 0..<files.count, using: &rng)]) else { continue }
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.insert(contentsOf: Array(tokens[Int.random(in: 0..<tokens.count, using: &rng)].utf8), at: at)
                case 1: bytes.remove(at: at)
                default: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            try dir.write("main.tf", String(decoding: bytes, as: UTF8.self))
            let g = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
            XCTAssertTrue(g.resources.allSatisfy { $0.range != nil })
        }
    }
}
