// Gives libyaml a printable-ASCII file as its already-decoded character buffer, skipping its reader.

import CYAML
#if canImport(Glibc)
import Glibc
#endif

/// libyaml's reader decodes and checks the input one character at a time into a working buffer of
/// UTF-8 (about 32 instructions a byte, an eighth of all loading). For a file made only of
/// printable ASCII, tabs and line breaks — most templates — that buffer is the file itself plus the
/// NUL libyaml appends at the end of input, and no reader error is possible. So the file is copied
/// (a memcpy) into a buffer installed as libyaml's working buffer with the end of input already
/// reached, exactly the state its reader leaves after decoding the whole file; the reader then
/// returns at once every time it is asked for more. Any other file goes through the reader, which
/// reports bad encodings and control characters as before.
struct DecodedInput {
    private var copy: UnsafeMutablePointer<UInt8>?
    private var saved: (start: UnsafeMutablePointer<yaml_char_t>?, end: UnsafeMutablePointer<yaml_char_t>?,
                        pointer: UnsafeMutablePointer<yaml_char_t>?, last: UnsafeMutablePointer<yaml_char_t>?)

    /// Zero bytes after the NUL: the scanner looks a few characters ahead of its position, and
    /// libyaml's own buffer always has room there.
    private static let padding = 16

    /// Installs `bytes` as `parser`'s decoded input when `printableASCII` (what `isPrintableASCII`
    /// found; the caller needs it too) — call after `yaml_parser_set_input_string` and
    /// `yaml_parser_set_encoding(UTF-8)`, before parsing. `restore` must run before
    /// `yaml_parser_delete`, which frees libyaml's own buffer.
    init(installingInto parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, printableASCII: Bool) {
        saved = (parser.buffer.start, parser.buffer.end, parser.buffer.pointer, parser.buffer.last)
        guard printableASCII, parser.encoding == YAML_UTF8_ENCODING, parser.unread == 0, parser.eof == 0,
              let source = bytes.baseAddress,
              let block = LibyamlArena.allocate(bytes.count + 1 + DecodedInput.padding) else {
            copy = nil
            return
        }
        // From the parse's arena (a bump, no malloc of the file's size) when it is active.
        let buffer = block.assumingMemoryBound(to: UInt8.self)
        buffer.initialize(from: source, count: bytes.count)
        (buffer + bytes.count).initialize(repeating: 0, count: 1 + DecodedInput.padding)
        copy = buffer
        parser.buffer.start = buffer
        parser.buffer.pointer = buffer
        parser.buffer.last = buffer + bytes.count + 1
        parser.buffer.end = buffer + bytes.count + 1
        parser.unread = bytes.count + 1
        parser.offset = bytes.count
        parser.eof = 1
    }

    /// Puts libyaml's own buffer back (it frees that one) and frees the copy.
    mutating func restore(_ parser: inout yaml_parser_t) {
        guard let copy else { return }
        parser.buffer.start = saved.start
        parser.buffer.end = saved.end
        parser.buffer.pointer = saved.pointer
        parser.buffer.last = saved.last
        LibyamlArena.free(copy)
        self.copy = nil
    }

    /// Every byte is 0x20-0x7E, tab, line feed or carriage return: the characters libyaml's reader
    /// passes unchanged and without error. Eight bytes per step with lane-exact word arithmetic
    /// (every lane is kept at 0x80 or above before a subtraction, so no borrow crosses lanes);
    /// only a word holding a byte below 0x20 (a line break, usually) checks which ones they are.
    /// (`SIMD16` compares compiled to 50 instructions a byte here.)
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        /// High bit of each lane set where the lane (below 0x80) is at least `value`.
        @inline(__always) func atLeast(_ word: UInt64, _ value: UInt64) -> UInt64 { ((word | highs) &- ones &* value) & highs }
        /// High bit of each lane set where the lane (below 0x80) equals `value`.
        @inline(__always) func equal(_ word: UInt64, _ value: UInt64) -> UInt64 { ~(((word ^ (ones &* value)) | highs) &- ones) & highs }
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & highs != 0 || atLeast(word, 0x7F) != 0 { return false }
            let controls = ~atLeast(word, 0x20) & highs
            if controls != 0, controls & ~(equal(word, 0x0A) | equal(word, 0x09) | equal(word, 0x0D)) != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if !isAllowed(base[i]) { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    private static func isAllowed(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte <= 0x7E) || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
