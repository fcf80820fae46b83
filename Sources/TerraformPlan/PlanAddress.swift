// Parsing of Terraform resource and module instance addresses as they appear in plans.

/// One `module.NAME[KEY]` step of a module instance address.
public struct PlanModuleStep: Hashable, Sendable {
    public var name: String
    /// The key as written between the brackets (`0`, `"eu"`), nil without count/for_each.
    public var key: String?

    public var text: String { "module.\(name)" + (key.map { "[\($0)]" } ?? "") }
}

/// `module.a["x"].module.b.data.aws_x.y[0]` taken apart.
public struct PlanAddress: Hashable, Sendable {
    public var modules: [PlanModuleStep]
    public var isData: Bool
    public var type: String
    public var name: String
    public var key: String?

    /// `module.a["x"].module.b` (empty for the root module).
    public var moduleInstance: String { PlanAddress.join(modules.map(\.text)) }
    /// `module.a.module.b`: the module in the configuration, without instance keys.
    public var modulePath: String { PlanAddress.join(modules.map { "module.\($0.name)" }) }
    /// `data.aws_x.y` or `aws_x.y`: the resource within its module.
    public var localAddress: String { (isData ? "data." : "") + "\(type).\(name)" }
    /// `module.a.module.b.aws_x.y`: the declaration in the configuration.
    public var configAddress: String { PlanAddress.prefix(modulePath, localAddress) }

    static func join(_ parts: [String]) -> String { parts.joined(separator: ".") }
    static func prefix(_ module: String, _ local: String) -> String { module.isEmpty ? local : "\(module).\(local)" }

    /// Parses a full resource instance address; nil when it is not one.
    public static func parse(_ address: String) -> PlanAddress? {
        var scanner = AddressScanner(Array(address.utf8))
        guard let modules = scanner.moduleSteps() else { return nil }
        var isData = false
        if scanner.consume("data.") { isData = true }
        guard let type = scanner.identifier(), scanner.consume("."), let name = scanner.identifier() else { return nil }
        var key: String?
        if scanner.peek == UInt8(ascii: "[") {
            guard let k = scanner.bracket() else { return nil }
            key = k
        }
        guard scanner.atEnd else { return nil }
        return PlanAddress(modules: modules, isData: isData, type: type, name: name, key: key)
    }

    /// Parses a module instance address (`module.a["x"].module.b`); empty string is the root.
    public static func parseModule(_ address: String) -> [PlanModuleStep]? {
        if address.isEmpty { return [] }
        var scanner = AddressScanner(Array(address.utf8) + Array(".".utf8))
        guard let steps = scanner.moduleSteps(), scanner.atEnd else { return nil }
        return steps
    }
}

/// A tiny byte scanner for addresses; keys may be quoted strings with escapes.
struct AddressScanner {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func consume(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        i += n
        return true
    }

    mutating func identifier() -> String? {
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            let ok = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c == 0x2D || c >= 0x80
            guard ok else { break }
            i += 1
        }
        return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
    }

    /// `[...]` with the text between the brackets; quoted keys may hold `]` and escaped quotes.
    mutating func bracket() -> String? {
        guard peek == UInt8(ascii: "[") else { return nil }
        i += 1
        let start = i
        var inString = false
        while i < bytes.count {
            let c = bytes[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "]") {
                let key = String(decoding: bytes[start..<i], as: UTF8.self)
                i += 1
                return key
            }
            i += 1
        }
        return nil
    }

    /// Leading `module.NAME[KEY].` steps.
    mutating func moduleSteps() -> [PlanModuleStep]? {
        var steps: [PlanModuleStep] = []
        while true {
            let save = i
            guard consume("module.") else { return steps }
            guard let name = identifier() else { i = save; return steps }
            var key: String?
            if peek == UInt8(ascii: "[") {
                guard let k = bracket() else { return nil }
                key = k
            }
            guard consume(".") else { i = save; return steps }
            steps.append(PlanModuleStep(name: name, key: key))
        }
    }
}
