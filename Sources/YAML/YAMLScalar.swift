// How a YAML scalar becomes a core value: the way CloudFormation reads templates, not full YAML 1.1.

import IaCLintCore

/// CloudFormation keeps `yes`, `on`, `0755` and dates as strings; only plain `true`/`false`, plain
/// decimal numbers and plain `null`/`~`/empty are typed. Quoted and block scalars are always strings.
public enum YAMLScalar {
    public static func resolve(_ text: String, style: YAMLNode.ScalarStyle, tag: String?) -> Value.Kind {
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!": return .string(text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool":
                if let b = boolean(text) { return .bool(b) }
                return .string(text)
            case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
                if let n = number(text) { return .number(n) }
                return .string(text)
            default: break  // application tags (`!Ref`…) are for the front end; the text stays text
            }
        }
        guard style == .plain else { return .string(text) }
        // Most plain scalars are names: decide from the first byte before any comparison.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if isNull(text) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let b = boolean(text) { return .bool(b) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            if let n = number(text) { return .number(n) }
        default: break
        }
        return .string(text)
    }

    /// `resolve` for an untagged scalar given as bytes: a `String` is made only for the text that
    /// stays text (names, numbers and keywords are decided on the bytes).
    public static func resolveUntagged(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLNode.ScalarStyle) -> Value.Kind {
        guard style == .plain else { return .string(makeString(bytes)) }
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if isNull(bytes) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            let text = makeString(bytes)
            if let b = boolean(text) { return .bool(b) }
            return .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            let text = makeString(bytes)
            if isDecimalNumber(bytes), let n = Double(text) { return .number(n) }
            return .string(text)
        default: break
        }
        return .string(makeString(bytes))
    }

    /// `isNull` on bytes.
    public static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4:
            let text = (bytes[0], bytes[1], bytes[2], bytes[3])
            let n = UInt8(ascii: "n"), u = UInt8(ascii: "u"), l = UInt8(ascii: "l")
            let N = UInt8(ascii: "N"), U = UInt8(ascii: "U"), L = UInt8(ascii: "L")
            return text == (n, u, l, l) || text == (N, u, l, l) || text == (N, U, L, L)
        default: return false
        }
    }

    public static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "null" || text == "Null" || text == "NULL" || text == "~"
    }

    /// Only the unambiguous spellings: `yes`/`on` stay strings, as CloudFormation keeps them.
    public static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A plain decimal number: `-12`, `3.5`, `1e3`. No leading zeros (`0755` is a string, as an octal
    /// mode or an account id with leading zeros must stay), no `0x`, no `.5`, no `1_000`, and
    /// integers too long for a Double to hold exactly stay strings.
    public static func number(_ text: String) -> Double? {
        var text = text
        let valid: Bool? = text.withUTF8 { isDecimalNumber($0) }
        guard valid == true else { return nil }
        return Double(text)
    }

    /// The syntax check behind `number`, on bytes (no allocation).
    static func isDecimalNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        let intStart = i
        while i < count, isDigit(bytes[i]) { i += 1 }
        let intDigits = i - intStart
        guard intDigits > 0 else { return false }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { return false }
        var isInteger = true
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < count, isDigit(bytes[i]) { i += 1 }
            guard i > fracStart else { return false }
            isInteger = false
        }
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let expStart = i
            while i < count, isDigit(bytes[i]) { i += 1 }
            guard i > expStart else { return false }
            isInteger = false
        }
        guard i == count else { return false }
        return !(isInteger && intDigits > 15)
    }

    /// A readable name for a non-scalar key (complex keys are legal YAML but never CloudFormation).
    static func describeKey(_ key: YAMLNode) -> String {
        switch key.kind {
        case .scalar(let text, _): return text
        case .sequence: return "<sequence key>"
        case .mapping: return "<mapping key>"
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
