// Tests of the positioned JSON reader: values, exact ranges, encodings, errors and limits.

import XCTest
import IaCLintCore
import TestSupport
@testable import PositionedJSON

final class PositionedJSONTests: XCTestCase {
    private func parse(_ text: String, _ options: JSONParseOptions = .default) -> JSONParseResult {
        JSONReader.parse(Array(text.utf8), path: "t.json", options: options)
    }

    private func document(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONDocument {
        let result = parse(text)
        XCTAssertEqual(result.diagnostics, [], file: file, line: line)
        return try XCTUnwrap(result.document, file: file, line: line)
    }

    private func error(_ text: String, _ options: JSONParseOptions = .default) -> Diagnostic? {
        let result = parse(text, options)
        XCTAssertNil(result.document)
        return result.diagnostics.first
    }

    func testScalarsAndContainers() throws {
        let doc = try document(#"{"a": [1, -2.5e1, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#)
        let a = try XCTUnwrap(doc.root["a"])
        XCTAssertEqual(a.kind, .array)
        XCTAssertEqual(a.count, 6)
        XCTAssertEqual(a[0]?.numberValue, 1)
        XCTAssertEqual(a[1]?.numberValue, -25)
        XCTAssertEqual(a[2]?.boolValue, true)
        XCTAssertEqual(a[3]?.boolValue, false)
        XCTAssertEqual(a[4]?.isNull, true)
        XCTAssertEqual(a[5]?.stringValue, "x\né😀")
        XCTAssertNil(a[6])
        XCTAssertEqual(doc.root["b"]?.kind, .object)
        XCTAssertEqual(doc.root["b"]?.count, 0)
        XCTAssertEqual(doc.root.members.map(\.key), ["a", "b"])
        XCTAssertNil(doc.root["c"])
    }

    func testRangesOfKeysAndValuesAcrossLines() throws {
        let text = "{\n  \"name\": \"é-x\",\n  \"n\": 42\n}"
        let doc = try document(text)
        let name = try XCTUnwrap(doc.root.member("name"))
        XCTAssertEqual(name.keyNode.range.start, SourcePosition(line: 2, column: 3, offset: 4))
        XCTAssertEqual(name.keyNode.range.end, SourcePosition(line: 2, column: 9, offset: 10))
        XCTAssertEqual(name.value.range.start, SourcePosition(line: 2, column: 11, offset: 12))
        // "é-x" is 6 bytes with the quotes and 5 scalars.
        XCTAssertEqual(name.value.range.end, SourcePosition(line: 2, column: 16, offset: 18))
        let n = try XCTUnwrap(doc.root.member("n"))
        XCTAssertEqual(n.value.range.start, SourcePosition(line: 3, column: 8, offset: 27))
        XCTAssertEqual(doc.root.range.end, SourcePosition(line: 4, column: 2, offset: 31))
        XCTAssertEqual(n.value.range.file, "t.json")
    }

    func testToValueKeepsRanges() throws {
        let doc = try document(#"{"k": ["v", 1]}"#)
        let value = doc.root.toValue()
        let entry = try XCTUnwrap(value.entry("k"))
        XCTAssertEqual(entry.keyRange?.start.offset, 1)
        XCTAssertEqual(entry.keyRange?.end.offset, 4)
        XCTAssertEqual(entry.value.listValue?.first?.stringValue, "v")
        XCTAssertEqual(entry.value.listValue?.first?.range?.start.column, 8)
        XCTAssertEqual(entry.value.listValue?.last?.numberValue, 1)
        XCTAssertNil(doc.root.toValue(ranges: false)["k"]?.range)
    }

    func testUTF8BOMIsSkippedAndOffsetsReferToTheFile() throws {
        let result = JSONReader.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8), path: "b.json")
        let doc = try XCTUnwrap(result.document)
        XCTAssertEqual(doc.encoding, .utf8WithBOM)
        XCTAssertEqual(doc.root["a"]?.byteRange, 8..<9)
    }

    func testUTF16WithBOMAndCRLFIsTranscoded() throws {
        let text = "{\r\n  \"a\": \"ü\"\r\n}"
        let units = Array(text.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { u -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        for (bytes, encoding) in [(le, JSONTextEncoding.utf16LittleEndian), (be, .utf16BigEndian)] {
            let doc = try XCTUnwrap(JSONReader.parse(bytes, path: "w.json").document)
            XCTAssertEqual(doc.encoding, encoding)
            XCTAssertEqual(doc.root["a"]?.stringValue, "ü")
            XCTAssertEqual(doc.root["a"]?.range.start, SourcePosition(line: 2, column: 8, offset: 10))
        }
        // A lone surrogate in the UTF-16 text is an error, not a crash.
        let bad: [UInt8] = [0xFF, 0xFE, 0x22, 0x00, 0x00, 0xD8, 0x22, 0x00]
        XCTAssertEqual(JSONReader.parse(bad, path: "w.json").diagnostics.first?.message.hasPrefix("unpaired UTF-16"), true)
    }

    func testSyntaxErrorsArePreciseAndPositioned() {
        let missingComma = error("{\"a\": 1\n \"b\": 2}")
        XCTAssertEqual(missingComma?.message, "expected ',' or '}' after an object member, found '\"'")
        XCTAssertEqual(missingComma?.range?.start, SourcePosition(line: 2, column: 2, offset: 9))
        XCTAssertEqual(error("[1, 2,]")?.message, "trailing comma before ']'")
        XCTAssertEqual(error("{\"a\" 1}")?.message, "expected ':' after an object key, found '1'")
        XCTAssertEqual(error("{'a': 1}")?.message, "expected a string key for an object member; JSON strings use double quotes, not '")
        XCTAssertEqual(error("[01]")?.message, "numbers must not have leading zeros")
        XCTAssertEqual(error("[1.]")?.message, "expected a digit after '.' in a number")
        XCTAssertEqual(error("[tru]")?.message.hasPrefix("expected a value"), true)
        XCTAssertEqual(error("\"a\\qb\"")?.message.hasPrefix("invalid escape sequence"), true)
        XCTAssertEqual(error("\"\\u12\"")?.message, "'\\u' must be followed by four hexadecimal digits")
        XCTAssertEqual(error("\"a\tb\"")?.message, "a tab inside a string must be escaped")
        XCTAssertEqual(error("{} x")?.message, "expected the end of the input after the top-level value, found 'x'")
        XCTAssertEqual(error("")?.message, "unexpected end of input; expected a value")
        let unclosed = error("{\"a\": [1,\n2")
        XCTAssertEqual(unclosed?.message, "unexpected end of input; the array is not closed")
        XCTAssertEqual(unclosed?.related.first?.message, "the array opened here")
        XCTAssertEqual(unclosed?.related.first?.range.start.offset, 6)
    }

    func testStringsWithSpecialBytesAtEveryAlignment() throws {
        for k in 0..<20 {
            let pad = String(repeating: "a", count: k)
            let doc = try document("[\"\(pad)\\n\(pad)é\(pad)\\\"\(pad)\"]")
            XCTAssertEqual(doc.root[0]?.stringValue, "\(pad)\n\(pad)é\(pad)\"\(pad)")
            let control = JSONReader.parse(Array("[\"\(pad)\u{01}x\"]".utf8), path: "t.json")
            XCTAssertEqual(control.diagnostics.first?.range?.start.offset, 2 + k, "control byte after \(k) plain bytes")
            let unterminated = JSONReader.parse(Array("[\"\(pad)".utf8), path: "t.json")
            XCTAssertEqual(unterminated.diagnostics.first?.message, "unterminated string")
        }
    }

    func testInvalidUTF8InStringIsAnError() {
        for bad: [UInt8] in [[0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF]] {
            let bytes = [UInt8(ascii: "\"")] + bad + [UInt8(ascii: "\"")]
            let result = JSONReader.parse(bytes, path: "u.json")
            XCTAssertNil(result.document)
            XCTAssertEqual(result.diagnostics.first?.message, "invalid UTF-8 in string")
            XCTAssertEqual(result.diagnostics.first?.range?.start.offset, 1)
        }
    }

    func testDepthCapIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertEqual(error(deep)?.message, "nesting is deeper than 512 levels")
        XCTAssertNotNil(parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).document)
        XCTAssertEqual(error("[[[]]]", JSONParseOptions(maximumDepth: 2))?.message, "nesting is deeper than 2 levels")
    }

    func testDuplicateKeysAreReportedWithBothLocationsWhenAsked() throws {
        let text = "{\"a\": 1,\n \"a\": 2}"
        XCTAssertEqual(parse(text).diagnostics, [])
        let result = parse(text, JSONParseOptions(duplicateKeys: .report(.error)))
        let doc = try XCTUnwrap(result.document)
        XCTAssertEqual(doc.root["a"]?.numberValue, 2)
        let diagnostic = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(diagnostic.message, "duplicate key \"a\"; only the last one takes effect")
        XCTAssertEqual(diagnostic.range?.start, SourcePosition(line: 2, column: 2, offset: 10))
        XCTAssertEqual(diagnostic.related.first?.range.start.offset, 1)
    }

    /// Keys compared in place (by bytes when plain ASCII) find the duplicates a dictionary of decoded
    /// names finds: the same pairs, each against the first key of its name, in small and large objects,
    /// through escapes and canonically equivalent spellings, in nested objects.
    func testDuplicateKeysMatchADictionaryOfDecodedNames() throws {
        // Each key as written between the quotes of the JSON text.
        let shapes: [[String]] = [
            ["a", "b", "a", "a"], ["x", "\\u0061", "a"], ["K", "\u{212A}", "k"], ["é", "e\u{301}"],
            (0..<40).map { "k\($0)" } + ["k3", "k39", "k40", "k40"], (0..<30).map { "n\($0)" } + ["\\u006e5"],
            ["", "\\u0000", ""], ["ab", "abc", "a", "abc"],
        ]
        for keys in shapes {
            var text = "{", keyOffsets: [Int] = []
            for (i, key) in keys.enumerated() {
                if i > 0 { text += ", " }
                keyOffsets.append(text.utf8.count)
                text += "\"\(key)\": {\"inner\": \(i), \"inner\": 0}"
            }
            text += "}"
            var seen: [String: Int] = [:], want: [(second: Int, first: Int)] = []
            for (i, key) in keys.enumerated() {
                let name = Array(key.utf8).withUnsafeBufferPointer { JSONPullReader.unescape($0) }
                if let first = seen[name] { want.append((i, first)) } else { seen[name] = i }
            }
            let result = parse(text, JSONParseOptions(duplicateKeys: .report(.warning)))
            XCTAssertNotNil(result.document, text)
            let outer = result.diagnostics.filter { !$0.message.contains("\"inner\"") }
            XCTAssertEqual(outer.count, want.count, "\(keys)")
            for (diagnostic, pair) in zip(outer, want) {
                XCTAssertEqual(diagnostic.range?.start.offset, keyOffsets[pair.second], "\(keys)")
                XCTAssertEqual(diagnostic.related.first?.range.start.offset, keyOffsets[pair.first], "\(keys)")
            }
            XCTAssertEqual(result.diagnostics.count - outer.count, keys.count, "each inner object's own duplicate")
        }
    }

    func testNumbersBeyondFastPath() throws {
        let doc = try document("[12345678901234567890, 1e400, -0, 0.1, 9007199254740993]")
        XCTAssertEqual(doc.root[0]?.numberValue, 1.2345678901234567e19)
        XCTAssertEqual(doc.root[1]?.numberValue, .infinity)
        XCTAssertEqual(doc.root[2]?.numberValue, 0)
        XCTAssertEqual(doc.root[3]?.numberValue, 0.1)
        XCTAssertEqual(doc.root[4]?.rawText, "9007199254740993")
    }

    func testLineIndexOnALongMinifiedLine() {
        // Multi-byte scalars across many index blocks: columns count scalars, not bytes.
        var text: [UInt8] = []
        for _ in 0..<5000 { text += Array("é".utf8) + [UInt8(ascii: "a")] }
        text += [0x0A, UInt8(ascii: "z")]
        let index = LineIndex(text)
        XCTAssertEqual(index.position(at: 3 * 3000), SourcePosition(line: 1, column: 6001, offset: 9000))
        XCTAssertEqual(index.position(at: 15_000), SourcePosition(line: 1, column: 10_001, offset: 15_000))
        XCTAssertEqual(index.position(at: 15_001), SourcePosition(line: 2, column: 1, offset: 15_001))
        XCTAssertEqual(index.position(at: 99_999), SourcePosition(line: 2, column: 2, offset: 15_002))
        let reference = SourceFile(path: "x", bytes: text)
        for offset in stride(from: 0, to: text.count, by: 997) {
            XCTAssertEqual(index.position(at: offset), reference.position(at: offset))
        }
        XCTAssertEqual(LineIndex([]).position(at: 0), .start)
    }

    func testLineIndexAgreesWithSourceFileEverywhere() {
        // Mixed ASCII, 2-4 byte scalars, and newlines at irregular places across many blocks.
        var text: [UInt8] = []
        var state: UInt64 = 7
        let pieces: [[UInt8]] = [Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x0A], Array("xyz".utf8)]
        while text.count < 5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let piece = pieces[Int(state >> 33) % pieces.count]
            for _ in 0..<Int(state >> 60) + 1 { text += piece }
        }
        let index = LineIndex(text)
        let reference = SourceFile(path: "x", bytes: text)
        for offset in 0...text.count {
            XCTAssertEqual(index.position(at: offset), reference.position(at: offset), "offset \(offset)")
        }
    }

    func testLineIndexAgreesWithSourceFileAcrossASCIIAndNonASCIIBlocks() {
        // Runs of ASCII longer than a block (the path with no scan) beside blocks with multi-byte
        // scalars, lines starting in one kind of block and going on into the other.
        var text: [UInt8] = []
        var state: UInt64 = 11
        while text.count < 20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            switch Int(state >> 33) % 5 {
            case 0: text += Array(repeating: UInt8(ascii: "a"), count: Int(state >> 54) + 1)
            case 1: text += [0x0A]
            case 2: text += Array("é€".utf8)
            case 3: text += Array(repeating: UInt8(ascii: " "), count: 700)
            default: text += Array("  \"key\": \"value\",\n".utf8)
            }
        }
        let index = LineIndex(text)
        let reference = SourceFile(path: "x", bytes: text)
        for offset in 0...text.count {
            XCTAssertEqual(index.position(at: offset), reference.position(at: offset), "offset \(offset)")
        }
        // With a line hint carried from lookup to lookup: forwards, backwards, jumps, stale hints.
        var hint = 0
        for step in 0..<6000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let offset = step % 3 == 0 ? Int(state >> 33) % (text.count + 40) - 20 : min(text.count + 5, step * 3)
            if step % 97 == 0 { hint = Int(state >> 40) % 5000 - 100 }
            XCTAssertEqual(index.position(at: offset, hint: &hint), index.position(at: offset), "offset \(offset)")
        }
    }

    func testPullReaderSkipsAndReadsSelectively() throws {
        var reader = JSONPullReader(text: Array(#"{"skip": {"x": [1, {"y": null}]}, "keep": {"a": "b"}}"#.utf8))
        var object = try reader.beginObject()
        var kept: Value?
        while let key = try reader.nextMember(&object) {
            if reader.stringEquals(key, "keep") { kept = try reader.readValue() } else { try reader.skipValue() }
        }
        XCTAssertEqual(kept?["a"]?.stringValue, "b")
        XCTAssertTrue(reader.atEnd())
        XCTAssertEqual(reader.depth, 0)
    }

    func testReadValueInternsStringsAndDropsNullMembers() throws {
        let long = "a_rather_long_attribute_name"
        var reader = JSONPullReader(text: Array(#"[{"\#(long)": "v", "n": null}, {"\#(long)": [null, "v", true, true, 3, 3]}]"#.utf8))
        var builder = JSONValueBuilder()
        let value = try reader.readValue(range: nil, dropNullMembers: true, builder: &builder)
        let items = try XCTUnwrap(value.listValue)
        XCTAssertEqual(items[0].objectEntries?.map(\.key), [long])
        XCTAssertEqual(items[1][long]?.listValue, [.null, .string("v"), .bool(true), .bool(true), .number(3), .number(3)],
                       "nulls in lists are kept")
        XCTAssertEqual(builder.count, 3, "one entry each for the long key, \"v\" and 3")
        XCTAssertEqual(builder.intern(UnsafeBufferPointer(start: nil, count: 0)), "")
    }

    func testDamagedInputNeverCrashes() {
        let original = Array(#"{"a": [1, -2.5e-3, "x\u00e9\ud83d\ude00", {"b": null, "c": [true, false]}], "é": "\\"}"#.utf8)
        for cut in 0..<original.count {
            let result = JSONReader.parse(Array(original[..<cut]), path: "t.json", options: JSONParseOptions(duplicateKeys: .report(.warning)))
            XCTAssertNil(result.document, "cut at \(cut)")
            XCTAssertEqual(result.diagnostics.count, 1)
        }
        var state: UInt64 = 42
        for _ in 0..<2000 {
            var bytes = original
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 13)
            let result = JSONReader.parse(bytes, path: "t.json")
            if let document = result.document { _ = document.root.toValue() } else { XCTAssertFalse(result.diagnostics.isEmpty) }
        }
    }

    func testCorpusJSONFilesParseOrGiveAnError() throws {
        guard let corpus = TestPaths.corpus("tfplan") else { throw XCTSkip(TestPaths.corpusSkipMessage("tfplan")) }
        var parsed = 0, failed = 0
        for path in jsonFiles(under: corpus) {
            guard case .success(let bytes) = FileSystem.read(path) else { continue }
            let result = JSONReader.parse(bytes, path: path)
            if result.document != nil { parsed += 1 } else {
                failed += 1
                XCTAssertNotNil(result.diagnostics.first?.range, path)
            }
        }
        XCTAssertGreaterThan(parsed, 400)
        // Only the intentionally invalid documents fail (terraform-json testdata/invalid, empty files).
        XCTAssertLessThan(failed, 10)
    }

    private func jsonFiles(under directory: String) -> [String] {
        guard case .success(let names) = FileSystem.list(directory) else { return [] }
        var out: [String] = []
        for name in names.sorted() {
            let path = Path.join(directory, name)
            if FileSystem.kind(path) == .directory { out += jsonFiles(under: path) }
            else if name.hasSuffix(".json") || name.hasSuffix(".tfstate") { out.append(path) }
        }
        return out
    }
}
