// One streaming pass over a `terraform show -json` document: resource headers from
// `planned_values` (or a state's `values`), `after` values from `resource_changes`, and the
// `configuration`. The bulky parts nobody reads (`before`, `prior_state`, planned `values`) are
// skipped without building anything, so a large plan costs little more than its bytes.

import IaCLintCore
import PositionedJSON

struct PlanDocumentReader {
    /// A resource object under `planned_values` or a state's `values`.
    struct Declared {
        var address: String
        var mode: String
        var type: String
        var range: Range<Int>
        /// Where its `values` are (read only when no change gives them).
        var valuesRange: Range<Int>?
        /// Read directly for a state document.
        var values: Value?
    }

    /// An entry of `resource_changes`.
    struct Changed {
        var address: String
        var mode: String
        var type: String
        var actions: [String]
        var deposed: Bool
        var after: Value?
        var afterUnknown: Value?
        var range: Range<Int>
    }

    var reader: JSONPullReader
    let valueRange: ((Int, Int) -> SourceRange)?
    let lines: LineIndex
    let path: String

    var formatVersion: String?
    var terraformVersion: String?
    var isState = false
    var sawPlanSection = false
    var declared: [Declared] = []
    var changes: [Changed] = []
    var configuration: Value?

    mutating func read() throws(JSONSyntaxError) {
        var top = try reader.beginObject()
        while let key = try reader.nextMember(&top) {
            switch reader.decodeString(key) {
            case "format_version": formatVersion = try readString()
            case "terraform_version": terraformVersion = try readString()
            case "planned_values":
                sawPlanSection = true
                try readModuleContainer(readValues: false)
            case "values":
                isState = true
                try readModuleContainer(readValues: true)
            case "resource_changes":
                sawPlanSection = true
                try readChanges()
            case "configuration":
                configuration = try reader.readValue(range: { [lines, path] in lines.range(file: path, $0, $1) })
            default:
                try reader.skipValue()
            }
        }
        guard reader.atEnd() else { throw reader.unexpected("expected the end of the input after the top-level object") }
    }

    private mutating func readString() throws(JSONSyntaxError) -> String? {
        switch try reader.peekKind() {
        case .string: return reader.decodeString(try reader.scanString())
        case .number:
            let n = try reader.scanNumber()
            return reader.numberText(start: n.start, end: n.end)
        default:
            try reader.skipValue()
            return nil
        }
    }

    /// `{"root_module": {...}, "outputs": {...}}`
    private mutating func readModuleContainer(readValues: Bool) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var container = try reader.beginObject()
        while let key = try reader.nextMember(&container) {
            if reader.stringEquals(key, "root_module") { try readModule(readValues: readValues) } else { try reader.skipValue() }
        }
    }

    /// `{"address": ..., "resources": [...], "child_modules": [...]}`, recursively (the reader's
    /// depth cap bounds the recursion).
    private mutating func readModule(readValues: Bool) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var module = try reader.beginObject()
        while let key = try reader.nextMember(&module) {
            if reader.stringEquals(key, "resources"), try reader.peekKind() == .array {
                var list = try reader.beginArray()
                while try reader.nextElement(&list) { try readDeclared(readValues: readValues) }
            } else if reader.stringEquals(key, "child_modules"), try reader.peekKind() == .array {
                var list = try reader.beginArray()
                while try reader.nextElement(&list) { try readModule(readValues: readValues) }
            } else {
                try reader.skipValue()
            }
        }
    }

    private mutating func readDeclared(readValues: Bool) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        let start = reader.offset
        var object = try reader.beginObject()
        var address = "", mode = "managed", type = ""
        var valuesRange: Range<Int>?
        var values: Value?
        while let key = try reader.nextMember(&object) {
            switch reader.decodeString(key) {
            case "address": address = try readString() ?? ""
            case "mode": mode = try readString() ?? mode
            case "type": type = try readString() ?? ""
            case "values":
                if readValues {
                    let at = reader.offset
                    values = try reader.readValue(range: valueRange)
                    valuesRange = at..<reader.offset
                } else {
                    valuesRange = try reader.skipValue()
                }
            default: try reader.skipValue()
            }
        }
        declared.append(Declared(address: address, mode: mode, type: type, range: start..<reader.offset,
                                 valuesRange: valuesRange, values: values))
    }

    private mutating func readChanges() throws(JSONSyntaxError) {
        guard try reader.peekKind() == .array else { try reader.skipValue(); return }
        var list = try reader.beginArray()
        while try reader.nextElement(&list) {
            guard try reader.peekKind() == .object else { try reader.skipValue(); continue }
            let start = reader.offset
            var object = try reader.beginObject()
            var change = Changed(address: "", mode: "managed", type: "", actions: [], deposed: false, range: start..<start)
            while let key = try reader.nextMember(&object) {
                switch reader.decodeString(key) {
                case "address": change.address = try readString() ?? ""
                case "mode": change.mode = try readString() ?? change.mode
                case "type": change.type = try readString() ?? ""
                case "deposed":
                    change.deposed = try reader.peekKind() != .null
                    try reader.skipValue()
                case "change": try readChange(into: &change)
                default: try reader.skipValue()
                }
            }
            change.range = start..<reader.offset
            changes.append(change)
        }
    }

    private mutating func readChange(into change: inout Changed) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var object = try reader.beginObject()
        while let key = try reader.nextMember(&object) {
            switch reader.decodeString(key) {
            case "actions":
                guard try reader.peekKind() == .array else { try reader.skipValue(); continue }
                var list = try reader.beginArray()
                while try reader.nextElement(&list) {
                    if let action = try readString() { change.actions.append(action) }
                }
            case "after": change.after = try reader.readValue(range: valueRange)
            case "after_unknown": change.afterUnknown = try reader.readValue()
            default: try reader.skipValue()
            }
        }
    }

    /// Reads a `values` object found earlier (a planned resource with no change entry).
    func values(at range: Range<Int>) -> Value? {
        var again = JSONPullReader(text: reader.text, startOffset: range.lowerBound, maximumDepth: reader.maximumDepth)
        return try? again.readValue(range: valueRange)
    }
}
