// Lays out a whole synthetic repository: shared modules, service roots, stacks, SAM apps and plans in fixed
// byte proportions, until a size or file-count budget is met. The same seed gives byte-identical output.

struct SyntheticRepository {
    /// Bumped whenever the output for a given seed changes, so cached repositories are regenerated.
    static let generatorVersion = 3

    /// Share of bytes per kind, in percent: mostly Terraform, as in real monorepos.
    static let shares: [SyntheticKind: Int] = [.terraform: 72, .cloudFormation: 11, .sam: 6, .plan: 11]

    var targetBytes: Int?
    var targetFiles: Int?
    var seed: UInt64

    /// Generates into `output`; the single small `.tf` file for the pre-commit case is reported in the manifest.
    func generate(into output: SyntheticOutput) throws {
        let base = SyntheticRandom(seed: seed)
        var counters = [Int](repeating: 0, count: SyntheticKind.allCases.count)
        var singleFile = ""

        for (path, text) in SyntheticTerraformModules.files() {
            try output.write("terraform/" + path, text, kind: .terraform)
        }
        for region in SyntheticVocabulary.regions {
            for (path, text) in SyntheticTerraform.accountRoot(region: region) {
                try output.write("terraform/" + path, text, kind: .terraform)
            }
        }

        // Each unit draws from its own stream, so units do not shift when the budget changes.
        var unit: UInt64 = 0
        while !nearlyDone(output) {
            unit += 1
            var random = base.fork(unit)
            let kind = mostBehind(output)
            let index = counters[kind.rawValue]
            counters[kind.rawValue] += 1
            switch kind {
            case .terraform:
                for (path, text) in SyntheticTerraform.service(index: index, random: &random) {
                    if singleFile.isEmpty && path.hasSuffix("/main.tf") { singleFile = "terraform/" + path }
                    try output.write("terraform/" + path, text, kind: .terraform)
                }
            case .cloudFormation:
                let json = random.chance(35)
                let stack = SyntheticCloudFormation.stack(index: index, json: json, random: &random)
                let path = "cloudformation/\(stack.name)/" + (json ? "\(stack.name).template.json" : "template.yaml")
                try output.write(path, stack.text, kind: .cloudFormation)
            case .sam:
                let app = SyntheticSAM.application(index: index, random: &random)
                try output.write("sam/\(app.name)/template.yaml", app.text, kind: .sam)
            case .plan:
                let behind = planBudget(output)
                let size = min(max(behind, 20_000), random.int(60_000...900_000))
                let plan = SyntheticPlan.plan(index: index, bytes: size, random: &random)
                try output.write("plans/\(plan.name)/plan.json", plan.text, kind: .plan)
            }
        }

        // Top up with standalone filler files to land on the byte or file target.
        var filler = 0
        while !done(output) {
            var random = base.fork(0xF111_0000 &+ UInt64(filler))
            let size = targetBytes.map { min(12_000, max(1, $0 - output.totalBytes)) } ?? random.int(1_500...8_000)
            let text = SyntheticTerraform.fillerFile(index: filler, bytes: size, random: &random)
            try output.write("terraform/shared/part-\(filler).tf", text, kind: .terraform)
            filler += 1
        }
        try output.writeUncounted("BENCH_MANIFEST.txt", manifest(output, singleFile: singleFile))
    }

    private func nearlyDone(_ output: SyntheticOutput) -> Bool {
        if let targetFiles { return output.totalFiles >= targetFiles - 12 }
        // The last stretch is filled with small filler files, so the total lands just above the target.
        let target = targetBytes ?? 0
        return output.totalBytes >= target - min(100_000, target / 10)
    }

    private func done(_ output: SyntheticOutput) -> Bool {
        if let targetFiles { return output.totalFiles >= targetFiles }
        return output.totalBytes >= (targetBytes ?? 0)
    }

    private func planBudget(_ output: SyntheticOutput) -> Int {
        let total = targetBytes ?? max(output.totalBytes, 1_000_000)
        return total * (SyntheticRepository.shares[.plan] ?? 0) / 100 - output.bytes[SyntheticKind.plan.rawValue]
    }

    /// The kind furthest below its share (ties go to the first kind), so proportions hold at every size.
    private func mostBehind(_ output: SyntheticOutput) -> SyntheticKind {
        var best = SyntheticKind.terraform
        var bestRatio = Double.infinity
        for kind in SyntheticKind.allCases {
            let share = Double(SyntheticRepository.shares[kind] ?? 1)
            let ratio = Double(output.bytes[kind.rawValue]) / share
            if ratio < bestRatio { best = kind; bestRatio = ratio }
        }
        return best
    }

    private func manifest(_ output: SyntheticOutput, singleFile: String) -> String {
        var text = "# iaclint synthetic benchmark repository (iaclint-bench generate)\n"
        text += "generator_version: \(SyntheticRepository.generatorVersion)\nseed: \(seed)\n"
        text += "target_bytes: \(targetBytes.map(String.init) ?? "-")\ntarget_files: \(targetFiles.map(String.init) ?? "-")\n"
        text += "total_bytes: \(output.totalBytes)\ntotal_files: \(output.totalFiles)\n"
        for kind in SyntheticKind.allCases {
            text += "\(kind.label)_bytes: \(output.bytes[kind.rawValue])\n\(kind.label)_files: \(output.files[kind.rawValue])\n"
        }
        text += "single_file: \(singleFile)\n"
        return text
    }
}
