// A small byte-level JSON reader for JSON held inside strings (IAM policies written with
// `jsonencode` or heredocs, access-log formats): validity with the first error, or a `Value`.

import IaCLintCore

enum JSONText {
    /// The parsed value, or the first syntax error with its byte offset.
    static func parse(_ text: String, maximumDepth: Int = 128) -> Result<Value, JSONSyntaxError> {
        var parser = Parser(bytes: Array(text.utf8), maximumDepth: maximumDepth)
        return parser.parseDocument()
    }

    /// The first syntax error, or nil when the text is one valid JSON value.
    static func firstError(_ text: String) -> JSONSyntaxError? {
        if case .failure(let error) = parse(text) { return error }
        return nil
    }

    private struct Parser {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        mutating func parseDocument() -> Result<Value, JSONSyntaxError> {
            do {
                skipSpace()
                let value = try parseValue(depth: 0)
                skipSpace()
                if index < bytes.count { throw error("unexpected text after the JSON value") }
                return .success(value)
            } catch let e as JSONSyntaxError {
                return .failure(e)
            } catch {
                return .failure(JSONSyntaxError(message: "invalid JSON", offset: index))
            }
        }

        func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: index) }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard current == byte else { throw error("expected \(what)") }
            index += 1
        }

        mutating func parseValue(depth: Int) throws -> Value {
            guard depth < maximumDepth else { throw error("nested too deeply") }
            guard let b = current else { throw error("expected a value, found the end of the text") }
            switch b {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error("expected a value")
            }
        }

        mutating func literal(_ word: String) throws {
            for byte in word.utf8 {
                guard current == byte else { throw error("expected '\(word)'") }
                index += 1
            }
        }

        mutating func parseObject(depth: Int) throws -> Value {
            index += 1
            var entries: [ObjectEntry] = []
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return .object(entries) }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
                let key = try parseString()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                skipSpace()
                let value = try parseValue(depth: depth + 1)
                entries.append(ObjectEntry(key, value))
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "}") { index += 1; return .object(entries) }
                throw error("expected ',' or '}' after an object member")
            }
        }

        mutating func parseArray(depth: Int) throws -> Value {
            index += 1
            var items: [Value] = []
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return .list(items) }
            while true {
                skipSpace()
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "]") { index += 1; return .list(items) }
                throw error("expected ',' or ']' after an array element")
            }
        }

        mutating func parseString() throws -> String {
            index += 1
            var out: [UInt8] = []
            while let b = current {
                index += 1
                switch b {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = current else { throw error("unterminated escape") }
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code: UInt32 = 0
                        for _ in 0..<4 {
                            guard let h = current, let digit = hexValue(h) else { throw error("invalid \\u escape") }
                            code = code * 16 + digit
                            index += 1
                        }
                        // Surrogates are accepted for validity; a lone one decodes as U+FFFD.
                        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                    }
                default:
                    if b < 0x20 { throw error("control character (such as a newline) inside a string") }
                    out.append(b)
                }
            }
            throw error("unterminated string")
        }

        func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        mutating func parseNumber() throws -> Double {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { throw error("invalid number") }
            if first == UInt8(ascii: "0") {
                index += 1
            } else {
                while let d = current, isDigit(d) { index += 1 }
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let d = current, isDigit(d) else { throw error("invalid number: digits expected after '.'") }
                while let d = current, isDigit(d) { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let d = current, isDigit(d) else { throw error("invalid number: digits expected in the exponent") }
                while let d = current, isDigit(d) { index += 1 }
            }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    }
}

struct JSONSyntaxError: Error, Hashable, Sendable {
    var message: String
    /// UTF-8 byte offset in the text.
    var offset: Int
}
