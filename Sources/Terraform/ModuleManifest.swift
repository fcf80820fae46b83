// `.terraform/modules/modules.json`, written by `terraform init`: where registry and git module
// sources were installed, by module key (`api`, `api.logs`).

import IaCLintCore
import PositionedJSON

struct ModuleManifest {
    /// Module key -> installed directory (relative to the root module directory).
    var directories: [String: String]

    static func read(rootDirectory: String, workingDirectory: String, readFile: (String) -> Result<[UInt8], FileError>) -> ModuleManifest? {
        let path = Path.join(Path.join(rootDirectory, ".terraform/modules"), "modules.json")
        guard FileSystem.kind(Path.join(workingDirectory, path), followLinks: true) == .regular, case .success(let bytes) = readFile(path) else { return nil }
        guard let doc = JSONReader.parse(bytes, path: path).document, let modules = doc.root["Modules"] else { return nil }
        var dirs: [String: String] = [:]
        for entry in modules.elements {
            guard let key = entry["Key"]?.stringValue, let dir = entry["Dir"]?.stringValue else { continue }
            dirs[key] = dir
        }
        return ModuleManifest(directories: dirs)
    }
}
