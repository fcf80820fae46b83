// `format` and `formatlist`: printf-style verbs as Terraform's cty stdlib implements them
// (%s %q %d %f %e %g %x %X %o %b %t %v %#v %%, flags, width, precision, %[n] indexes).

import IaCLintCore

enum FormatFunction {
    enum Failure: Error { case message(String) }

    static func format(_ spec: String, _ args: [Value]) -> Result<String, Failure> {
        let bytes = Array(spec.utf8)
        var out: [UInt8] = []
        var i = 0
        var argIndex = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "%") else { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { return .failure(.message("unterminated format verb at end of string")) }
            if bytes[i] == UInt8(ascii: "%") { out.append(b); i += 1; continue }
            var minus = false, plus = false, zero = false, space = false, sharp = false
            flags: while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "-"): minus = true
                case UInt8(ascii: "+"): plus = true
                case UInt8(ascii: "0"): zero = true
                case UInt8(ascii: " "): space = true
                case UInt8(ascii: "#"): sharp = true
                default: break flags
                }
                i += 1
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
                var n = 0
                i += 1
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "]"), n >= 1 else { return .failure(.message("invalid argument index")) }
                i += 1
                argIndex = n - 1
            }
            var width: Int? = nil
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { width = min(1000, (width ?? 0) * 10 + Int(bytes[i] - 48)); i += 1 }
            var precision: Int? = nil
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                precision = 0
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { precision = min(1000, (precision ?? 0) * 10 + Int(bytes[i] - 48)); i += 1 }
            }
            guard i < bytes.count else { return .failure(.message("unterminated format verb")) }
            let verb = bytes[i]
            i += 1
            guard argIndex < args.count else { return .failure(.message("not enough arguments for %\(Character(Unicode.Scalar(verb)))")) }
            let arg = args[argIndex]
            argIndex += 1
            var text: String
            switch verb {
            case UInt8(ascii: "v"):
                if sharp { guard let j = TerraformJSONEncoder.encode(arg) else { return .failure(.message("unknown value")) }; text = j }
                else if let s = arg.terraformString { text = s }
                else if arg.isNull { text = "null" }
                else { guard let j = TerraformJSONEncoder.encode(arg) else { return .failure(.message("unknown value")) }; text = j }
            case UInt8(ascii: "s"):
                guard let s = arg.terraformString else { return .failure(.message("unsupported value for %s: \(arg.typeName)")) }
                text = precision.map { String(s.prefix($0)) } ?? s
            case UInt8(ascii: "q"):
                guard let s = arg.terraformString else { return .failure(.message("unsupported value for %q: \(arg.typeName)")) }
                text = StringFunctions.quote(s)
            case UInt8(ascii: "t"):
                guard let v = arg.terraformBool else { return .failure(.message("unsupported value for %t: \(arg.typeName)")) }
                text = v ? "true" : "false"
            case UInt8(ascii: "d"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "b"):
                guard let n = arg.terraformNumber, n == n.rounded(), abs(n) < 9.2e18 else {
                    return .failure(.message("unsupported value for %\(Character(Unicode.Scalar(verb))): an integer is required"))
                }
                let radix = verb == UInt8(ascii: "d") ? 10 : verb == UInt8(ascii: "o") ? 8 : verb == UInt8(ascii: "b") ? 2 : 16
                let magnitude = String(Int64(n).magnitude, radix: radix, uppercase: verb == UInt8(ascii: "X"))
                text = (n < 0 ? "-" : plus ? "+" : space ? " " : "") + magnitude
            case UInt8(ascii: "f"), UInt8(ascii: "F"):
                guard let n = arg.terraformNumber else { return .failure(.message("unsupported value for %f: \(arg.typeName)")) }
                text = fixed(n, precision: precision ?? 6)
                if n >= 0 { text = (plus ? "+" : space ? " " : "") + text }
            case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "g"), UInt8(ascii: "G"):
                guard let n = arg.terraformNumber else { return .failure(.message("unsupported value for %e: \(arg.typeName)")) }
                text = TerraformNumber.format(n)
            default:
                return .failure(.message("unsupported format verb %\(Character(Unicode.Scalar(verb)))"))
            }
            if let w = width {
                let count = text.unicodeScalars.count
                if count < w {
                    let padChar: Character = (zero && !minus && verb != UInt8(ascii: "s")) ? "0" : " "
                    let pad = String(repeating: padChar, count: w - count)
                    if minus { text += pad }
                    else if padChar == "0", let first = text.first, first == "-" || first == "+" { text = String(first) + pad + text.dropFirst() }
                    else { text = pad + text }
                }
            }
            out += Array(text.utf8)
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// Fixed-point text with `precision` decimals, rounding half away from zero.
    static func fixed(_ n: Double, precision: Int) -> String {
        let p = min(precision, 15)
        var scale = 1.0
        for _ in 0..<p { scale *= 10 }
        let scaled = (abs(n) * scale).rounded()
        guard scaled < 9.0e18 else { return TerraformNumber.format(n) }
        let total = UInt64(scaled)
        let whole = total / UInt64(scale)
        let fraction = total % UInt64(scale)
        var text = String(whole)
        if p > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: p - f.count) + f
        }
        return (n < 0 && scaled != 0 ? "-" : "") + text
    }
}
