// One streaming pass over a `terraform show -json` document: resource headers from
// `planned_values` (or a state's `values`), `after` values from `resource_changes`, and the
// `configuration`. The bulky parts nobody reads (`before`, `prior_state`, planned `values`) are
// skipped without building anything, so a large plan costs little more than its bytes.

import IaCLintCore
import PositionedJSON

struct PlanDocumentReader {
    /// Which resource objects a module tree holds, and what to keep of them.
    enum ModuleTree {
        /// `planned_values`: headers; values are read later only if no change gives them.
        case planned
        /// A state's `values`: headers and values.
        case state
        /// A plan's `prior_state`: only data sources (read during planning, they appear nowhere
        /// else), with their values.
        case priorStateDataSources
    }

    /// A resource object under `planned_values` or a state's `values`. Offsets are stored as
    /// 32-bit values and the mode as a flag: a large plan holds one per resource instance.
    struct Declared {
        var address: String
        var type: String
        /// Read directly for a state document.
        var values: Value?
        /// Index of its entry in `changes`, when there is one.
        var change: Int32 = -1
        private var start: UInt32, end: UInt32
        private var valuesStart: UInt32, valuesEnd: UInt32
        private var isData: Bool

        init(address: String, mode: String, type: String, range: Range<Int>, valuesRange: Range<Int>?, values: Value?) {
            self.address = address
            self.type = type
            self.values = values
            isData = mode == "data"
            start = UInt32(clamping: range.lowerBound)
            end = UInt32(clamping: range.upperBound)
            valuesStart = UInt32(clamping: valuesRange?.lowerBound ?? Int(UInt32.max))
            valuesEnd = UInt32(clamping: valuesRange?.upperBound ?? Int(UInt32.max))
        }

        var mode: String { isData ? "data" : "managed" }
        var range: Range<Int> { Int(start)..<Int(end) }
        /// Where its `values` are (read only when no change gives them).
        var valuesRange: Range<Int>? { valuesStart == UInt32.max ? nil : Int(valuesStart)..<Int(valuesEnd) }
    }

    /// An entry of `resource_changes` (deposed objects are not kept).
    struct Changed {
        var address: String
        var type: String
        /// `after` with `after_unknown` applied.
        var after: Value?
        private var start: UInt32 = 0, end: UInt32 = 0
        private var isData = false
        /// `delete` or `forget` alone: the object goes away.
        var isRemoval = false

        init(address: String, type: String) {
            self.address = address
            self.type = type
        }

        var mode: String {
            get { isData ? "data" : "managed" }
            set { isData = newValue == "data" }
        }
        var range: Range<Int> {
            get { Int(start)..<Int(end) }
            set { start = UInt32(clamping: newValue.lowerBound); end = UInt32(clamping: newValue.upperBound) }
        }
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
    /// Data sources read during planning (from `prior_state`).
    var priorDataSources: [Declared] = []
    /// Address → index in `declared`; the keys share the addresses' storage.
    var declaredIndex: [String: Int] = [:]
    /// Entries of `resource_changes`, in order.
    var changes: [Changed] = []
    var configuration: Value?
    /// Root module variable values (`variables.<name>.value`).
    var variables: [ObjectEntry] = []
    /// Attribute names and repeated values shared across resources.
    var builder = JSONValueBuilder()
    var unknowns = PlanUnknowns()

    mutating func read() throws(JSONSyntaxError) {
        var top = try reader.beginObject()
        while let key = try reader.nextMember(&top) {
            switch reader.decodeString(key) {
            case "format_version": formatVersion = try readString()
            case "terraform_version": terraformVersion = try readString()
            case "planned_values":
                sawPlanSection = true
                try readModuleContainer(.planned)
            case "values":
                isState = true
                try readModuleContainer(.state)
            case "resource_changes":
                sawPlanSection = true
                try readChanges()
            case "variables":
                let all = try reader.readValue(range: { [lines, fileID = SourceFileID(path)] in lines.range(file: fileID, $0, $1) })
                for entry in all.objectEntries ?? [] {
                    if let value = entry.value.entry("value") { variables.append(ObjectEntry(entry.key, value.value, keyRange: entry.keyRange)) }
                }
            case "prior_state":
                guard try reader.peekKind() == .object else { try reader.skipValue(); continue }
                var state = try reader.beginObject()
                while let key = try reader.nextMember(&state) {
                    if reader.stringEquals(key, "values") { try readModuleContainer(.priorStateDataSources) } else { try reader.skipValue() }
                }
            case "configuration":
                configuration = try reader.readValue(range: { [lines, fileID = SourceFileID(path)] in lines.range(file: fileID, $0, $1) })
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

    /// The members the reader looks for in resource and change objects, matched on raw bytes
    /// (no String per key).
    enum Member { case address, mode, type, values, deposed, change, actions, after, afterUnknown, other }

    func member(_ key: JSONStringToken) -> Member {
        switch key.end - key.start - 2 {
        case 4: return reader.stringEquals(key, "mode") ? .mode : reader.stringEquals(key, "type") ? .type : .other
        case 5: return reader.stringEquals(key, "after") ? .after : .other
        case 6: return reader.stringEquals(key, "values") ? .values : reader.stringEquals(key, "change") ? .change : .other
        case 7: return reader.stringEquals(key, "address") ? .address : reader.stringEquals(key, "actions") ? .actions
            : reader.stringEquals(key, "deposed") ? .deposed : .other
        case 13: return reader.stringEquals(key, "after_unknown") ? .afterUnknown : .other
        default: return key.hasEscapes ? member(escaped: reader.decodeString(key)) : .other
        }
    }

    /// A key written with escapes (`"mod\u0065"`), matched on its decoded text.
    private func member(escaped name: String) -> Member {
        switch name {
        case "address": return .address
        case "mode": return .mode
        case "type": return .type
        case "values": return .values
        case "deposed": return .deposed
        case "change": return .change
        case "actions": return .actions
        case "after": return .after
        case "after_unknown": return .afterUnknown
        default: return .other
        }
    }

    /// Resource types repeat for every instance: one shared String each.
    private mutating func readInternedString() throws(JSONSyntaxError) -> String? {
        guard try reader.peekKind() == .string else { return try readString() }
        let token = try reader.scanString()
        guard !token.hasEscapes else { return reader.decodeString(token) }
        return reader.text.withUnsafeBufferPointer { b in
            builder.intern(UnsafeBufferPointer(rebasing: b[(token.start + 1)..<(token.end - 1)]))
        }
    }

    /// `{"root_module": {...}, "outputs": {...}}`
    private mutating func readModuleContainer(_ tree: ModuleTree) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var container = try reader.beginObject()
        while let key = try reader.nextMember(&container) {
            if reader.stringEquals(key, "root_module") { try readModule(tree) } else { try reader.skipValue() }
        }
    }

    /// `{"address": ..., "resources": [...], "child_modules": [...]}`, recursively (the reader's
    /// depth cap bounds the recursion).
    private mutating func readModule(_ tree: ModuleTree) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var module = try reader.beginObject()
        while let key = try reader.nextMember(&module) {
            if reader.stringEquals(key, "resources"), try reader.peekKind() == .array {
                var list = try reader.beginArray()
                while try reader.nextElement(&list) { try readDeclared(tree) }
            } else if reader.stringEquals(key, "child_modules"), try reader.peekKind() == .array {
                var list = try reader.beginArray()
                while try reader.nextElement(&list) { try readModule(tree) }
            } else {
                try reader.skipValue()
            }
        }
    }

    private mutating func readDeclared(_ tree: ModuleTree) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        let start = reader.offset
        var object = try reader.beginObject()
        var address = "", mode = "managed", type = ""
        var valuesRange: Range<Int>?
        var values: Value?
        while let key = try reader.nextMember(&object) {
            switch member(key) {
            case .address: address = try readString() ?? ""
            case .mode: mode = try readInternedString() ?? mode
            case .type: type = try readInternedString() ?? ""
            case .values:
                if tree == .state || (tree == .priorStateDataSources && mode == "data") {
                    let at = reader.offset
                    values = try reader.readValue(range: valueRange, dropNullMembers: true, builder: &builder)
                    valuesRange = at..<reader.offset
                } else {
                    valuesRange = try reader.skipValue()
                }
            default: try reader.skipValue()
            }
        }
        let entry = Declared(address: address, mode: mode, type: type, range: start..<reader.offset,
                             valuesRange: valuesRange, values: values)
        switch tree {
        case .planned, .state:
            declaredIndex[address] = declared.count
            declared.append(entry)
        case .priorStateDataSources:
            if mode == "data" { priorDataSources.append(entry) }
        }
    }

    private mutating func readChanges() throws(JSONSyntaxError) {
        guard try reader.peekKind() == .array else { try reader.skipValue(); return }
        var list = try reader.beginArray()
        while try reader.nextElement(&list) {
            guard try reader.peekKind() == .object else { try reader.skipValue(); continue }
            let start = reader.offset
            var object = try reader.beginObject()
            var change = Changed(address: "", type: "")
            var deposed = false
            while let key = try reader.nextMember(&object) {
                switch member(key) {
                case .address: change.address = try readString() ?? ""
                case .mode: change.mode = try readInternedString() ?? change.mode
                case .type: change.type = try readInternedString() ?? ""
                case .deposed:
                    deposed = try reader.peekKind() != .null
                    try reader.skipValue()
                case .change: try readChange(into: &change)
                default: try reader.skipValue()
                }
            }
            change.range = start..<reader.offset
            // A deposed object is an old instance on its way out; the live one is elsewhere.
            guard !deposed else { continue }
            if let i = declaredIndex[change.address], declared[i].change < 0 {
                change.address = declared[i].address  // one copy of the address
                declared[i].change = Int32(changes.count)
            }
            // Usually one change per planned resource: room for all of them at once.
            if changes.isEmpty { changes.reserveCapacity(declared.count) }
            changes.append(change)
        }
    }

    private mutating func readChange(into change: inout Changed) throws(JSONSyntaxError) {
        guard try reader.peekKind() == .object else { try reader.skipValue(); return }
        var object = try reader.beginObject()
        var after: Value?
        var afterUnknown: Value?
        while let key = try reader.nextMember(&object) {
            switch member(key) {
            case .actions:
                guard try reader.peekKind() == .array else { try reader.skipValue(); continue }
                var list = try reader.beginArray()
                var actions = 0, removals = 0
                while try reader.nextElement(&list) {
                    guard try reader.peekKind() == .string else { try reader.skipValue(); actions += 1; continue }
                    let action = try reader.scanString()
                    actions += 1
                    if reader.stringEquals(action, "delete") || reader.stringEquals(action, "forget") { removals += 1 }
                }
                // `delete`+`create` replaces the object (kept); `delete` or `forget` alone removes it.
                change.isRemoval = actions > 0 && removals == actions
            case .after: after = try reader.readValue(range: valueRange, dropNullMembers: true, builder: &builder)
            case .afterUnknown: afterUnknown = try reader.readValue(range: nil, dropNullMembers: true, builder: &builder)
            default: try reader.skipValue()
            }
        }
        // Applied here, while `after` is the only reference, so the merge mutates in place.
        if let afterUnknown { PlanValueMerge.apply(afterUnknown, to: &after, unknowns: &unknowns) }
        change.after = after
    }

    /// Reads a `values` object found earlier (a planned resource with no change entry).
    func values(at range: Range<Int>) -> Value? {
        var again = JSONPullReader(text: reader.text, startOffset: range.lowerBound, maximumDepth: reader.maximumDepth)
        var builder = JSONValueBuilder()
        return try? again.readValue(range: valueRange, dropNullMembers: true, builder: &builder)
    }
}
