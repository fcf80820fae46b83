// Numbers as Terraform prints and parses them: decimal notation without exponent, integers
// without ".0" (cty's `big.Float.Text('f', -1)`).

enum TerraformNumber {
    /// `1` -> "1", `0.5` -> "0.5", `1e21` -> "1000000000000000000000", `1.5e-7` -> "0.00000015".
    static func format(_ n: Double) -> String {
        if n.isNaN { return "NaN" }
        if n.isInfinite { return n < 0 ? "-Inf" : "+Inf" }
        if n == 0 { return "0" }
        if n == n.rounded(), abs(n) < 9.0e15 { return String(Int64(n)) }
        // Shortest round-trip digits from Swift, then expanded to plain decimal notation.
        let text = n.description
        var negative = false
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        var seenExponent = false
        var exponentText: [UInt8] = []
        for b in bytes {
            if seenExponent { exponentText.append(b); continue }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(b)
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): seenExponent = true
            default: break
            }
        }
        if seenExponent {
            var sign = 1
            var value = 0
            for b in exponentText {
                if b == UInt8(ascii: "-") { sign = -1 } else if b >= 48, b <= 57 { value = value * 10 + Int(b - 48) }
            }
            exponent = sign * value
        }
        // The decimal point sits after `intCount` digits.
        let intCount = (pointPosition ?? digits.count) + exponent
        // Strip leading zeros of the digit string (adjusting the point) and trailing zeros.
        var start = 0
        var intDigits = intCount
        while start < digits.count - 1, digits[start] == UInt8(ascii: "0") { start += 1; intDigits -= 1 }
        var significant = Array(digits[start...])
        while significant.count > 1, significant.last == UInt8(ascii: "0"), significant.count > intDigits { significant.removeLast() }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if intDigits <= 0 {
            out += Array("0.".utf8)
            out += [UInt8](repeating: UInt8(ascii: "0"), count: -intDigits)
            out += significant
        } else if intDigits >= significant.count {
            out += significant
            out += [UInt8](repeating: UInt8(ascii: "0"), count: intDigits - significant.count)
        } else {
            out += significant[..<intDigits]
            out.append(UInt8(ascii: "."))
            out += significant[intDigits...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a decimal number the way Terraform converts a string to a number; nil when invalid.
    static func parse(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return nil }
        var i = 0
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var sawDigit = false
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; sawDigit = true }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; sawDigit = true }
        }
        guard sawDigit else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var expDigit = false
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1; expDigit = true }
            guard expDigit else { return nil }
        }
        guard i == bytes.count else { return nil }
        return Double(s)
    }
}
