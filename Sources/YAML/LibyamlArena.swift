// libyaml's allocator, replaced while a file is parsed by a per-thread bump arena that is emptied
// in one go when the parse ends.

#if canImport(Glibc)
import Glibc
#endif
import CYAML
import Synchronization

/// Why: libyaml's scanner allocates four small strings per scalar and frees three of them moments
/// later (1.2 million malloc/free pairs for the 6 MB cfn+sam corpus, over a tenth of all the
/// instructions spent loading templates). It has no allocator hook, but it calls its own exported
/// `yaml_malloc`, `yaml_realloc`, `yaml_free` and `yaml_strdup` through the PLT, so the definitions
/// below (same names, same contracts) are the ones the dynamic linker binds it to. Inside
/// `LibyamlArena.run`, blocks come from a bump arena and freeing one costs nothing; the arena is
/// released in one go when the parser has been deleted. Outside it (or once the arena holds
/// `maxBytes`), blocks come from malloc as before.
///
/// Every block carries a 16-byte header (its size and where it came from), so `yaml_free` and
/// `yaml_realloc` can always tell an arena block from a malloc one. That only holds if libyaml
/// sends every allocation and every free here: a libyaml linked with `-Bsymbolic`, or built so that
/// `api.c` inlines its own `yaml_malloc`, would free some header blocks with libc's `free`. So the
/// first parse probes it (`Mode`): until a parser's own `yaml_parser_initialize` is seen allocating
/// through these functions, they are plain malloc, realloc and free, which is safe however libyaml
/// binds them.
enum LibyamlArena {
    /// Header in front of every block: the usable size, then the block's origin.
    static let headerSize = 16
    static let fromArena: UInt64 = 0xA7E4_A7E4_A7E4_A7E4
    static let fromMalloc: UInt64 = 0x3A11_0C3A_110C_3A11
    /// The first chunk holds libyaml's fixed buffers (about 66 KB) and a small file's strings.
    static let firstChunkBytes = 96 * 1024
    /// Beyond this, a parse's further blocks come from malloc: memory stays bounded on huge files
    /// (libyaml allocates up to ten times a file's size in short-lived strings).
    static let maxBytes = 16 * 1024 * 1024
    /// Larger requests (or a `size_t` beyond `Int.max`, seen as negative) fail as out of memory,
    /// which libyaml reports, before any size arithmetic could overflow.
    static let maxRequest = 1 << 48

    /// Runs `body` (which must create and delete its libyaml parser inside) with the arena active
    /// on this thread. Every libyaml block allocated inside is freed by libyaml before `body`
    /// returns, as `yaml_parser_delete` and `yaml_event_delete` guarantee, so the arena can be
    /// emptied. Its first chunk stays with the thread for the next file (freed when the thread
    /// exits), sparing a large malloc and free per file.
    static func run<R>(_ body: () -> R) -> R {
        guard Mode.arenaEnabled else { return body() }
        let state = current ?? makeThreadState()
        // A parse inside a parse (none today) shares the outer arena, emptied when the outer ends.
        if state.pointee.isActive { return body() }
        state.pointee.begin()
        defer { state.pointee.end() }
        return body()
    }

    /// One key for all threads; each thread's value is its arena (inactive outside `run`).
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { state in
            guard let state = state?.assumingMemoryBound(to: ArenaState.self) else { return }
            state.pointee.releaseAllChunks()
            state.deinitialize(count: 1)
            state.deallocate()
        }
        return key
    }()

    private static func makeThreadState() -> UnsafeMutablePointer<ArenaState> {
        let state = UnsafeMutablePointer<ArenaState>.allocate(capacity: 1)
        state.initialize(to: ArenaState())
        pthread_setspecific(key, state)
        return state
    }

    @inline(__always)
    static var current: UnsafeMutablePointer<ArenaState>? {
        pthread_getspecific(key)?.assumingMemoryBound(to: ArenaState.self)
    }

    /// A block of `size` usable bytes, 16-byte aligned, from the arena when one is active.
    /// The common case (room left in the current chunk) is inlined: a few instructions in all.
    @inline(__always)
    static func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        guard size >= 0, size < maxRequest else { return nil }
        if let arena = current {
            // An inactive arena has no current chunk, so only an active one gets here twice.
            if let block = arena.pointee.allocateInChunk(size) { return block }
            if arena.pointee.isActive, let block = arena.pointee.allocate(size) { return block }
        }
        return allocateFromMalloc(size)
    }

    @inline(never)
    static func allocateFromMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
        guard let raw = malloc(size + headerSize) else { return nil }
        raw.storeBytes(of: UInt64(size), as: UInt64.self)
        raw.storeBytes(of: fromMalloc, toByteOffset: 8, as: UInt64.self)
        return raw + headerSize
    }

    static func free(_ block: UnsafeMutableRawPointer?) {
        guard let block else { return }
        let header = block - headerSize
        // Arena blocks go when their arena does.
        if header.load(fromByteOffset: 8, as: UInt64.self) == fromMalloc { Glibc.free(header) }
    }

    static func reallocate(_ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard size >= 0, size < maxRequest else { return nil }
        guard let block else { return allocate(size) }
        let header = block - headerSize
        let oldSize = Int(header.load(as: UInt64.self))
        if header.load(fromByteOffset: 8, as: UInt64.self) == fromMalloc {
            guard let raw = realloc(header, size + headerSize) else { return nil }
            raw.storeBytes(of: UInt64(size), as: UInt64.self)
            return raw + headerSize
        }
        if let arena = current, arena.pointee.growInPlace(block, to: size) { return block }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: block, byteCount: min(oldSize, size))
        return moved
    }
}

/// A thread's bump arena: chunks linked through their first word, the oldest (kept between
/// parses) last.
struct ArenaState {
    private var cursor: UnsafeMutableRawPointer? = nil
    private var limit: UnsafeMutableRawPointer? = nil
    private var chunks: UnsafeMutableRawPointer? = nil
    private var reservedBytes = 0
    /// The first chunk, kept from one parse to the next.
    private var keptChunk: UnsafeMutableRawPointer? = nil
    private(set) var isActive = false

    /// Starts a parse: the kept chunk, if any, is reused from its start.
    mutating func begin() {
        isActive = true
        if let kept = keptChunk {
            chunks = kept
            reservedBytes = LibyamlArena.firstChunkBytes
            cursor = kept + 16
            limit = kept + LibyamlArena.firstChunkBytes
        }
        lastBlock = nil
    }

    /// Ends a parse: every chunk but the kept one is freed; nothing can be allocated until `begin`.
    mutating func end() {
        while let chunk = chunks, chunk != keptChunk {
            chunks = chunk.load(as: UnsafeMutableRawPointer?.self)
            free(chunk)
        }
        chunks = keptChunk
        reservedBytes = keptChunk == nil ? 0 : LibyamlArena.firstChunkBytes
        cursor = nil
        limit = nil
        lastBlock = nil
        isActive = false
    }
    /// The last block handed out, which can grow in place (libyaml doubles strings as they fill).
    private var lastBlock: UnsafeMutableRawPointer? = nil

    /// The block from the current chunk; nil when it has no room left.
    @inline(__always)
    mutating func allocateInChunk(_ size: Int) -> UnsafeMutableRawPointer? {
        let needed = LibyamlArena.headerSize + ArenaState.rounded(size)
        guard let cursor, let limit, limit - cursor >= needed else { return nil }
        return carve(at: cursor, size: size, needed: needed)
    }

    /// From a new chunk; nil when the arena is full (`LibyamlArena.maxBytes`) or malloc fails:
    /// the caller uses malloc.
    @inline(never)
    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let needed = LibyamlArena.headerSize + ArenaState.rounded(size)
        if let cursor, let limit, limit - cursor >= needed {
            return carve(at: cursor, size: size, needed: needed)
        }
        guard addChunk(atLeast: needed), let cursor else { return nil }
        return carve(at: cursor, size: size, needed: needed)
    }

    /// True when `block` is the last one handed out and the chunk has room for `size` bytes.
    mutating func growInPlace(_ block: UnsafeMutableRawPointer, to size: Int) -> Bool {
        guard block == lastBlock, let limit else { return false }
        let end = block + ArenaState.rounded(size)
        guard end <= limit else { return false }
        (block - LibyamlArena.headerSize).storeBytes(of: UInt64(size), as: UInt64.self)
        cursor = end
        return true
    }

    /// When the thread exits.
    mutating func releaseAllChunks() {
        while let chunk = chunks {
            chunks = chunk.load(as: UnsafeMutableRawPointer?.self)
            free(chunk)
        }
        keptChunk = nil
        cursor = nil
        limit = nil
        lastBlock = nil
    }

    @inline(__always)
    private mutating func carve(at cursor: UnsafeMutableRawPointer, size: Int, needed: Int) -> UnsafeMutableRawPointer {
        cursor.storeBytes(of: UInt64(size), as: UInt64.self)
        cursor.storeBytes(of: LibyamlArena.fromArena, toByteOffset: 8, as: UInt64.self)
        let block = cursor + LibyamlArena.headerSize
        self.cursor = cursor + needed
        lastBlock = block
        return block
    }

    /// Chunks double (96 KB, 192 KB…) so a large file needs few of them.
    private mutating func addChunk(atLeast needed: Int) -> Bool {
        let size = max(reservedBytes == 0 ? LibyamlArena.firstChunkBytes : reservedBytes, needed + 16)
        guard reservedBytes + size <= LibyamlArena.maxBytes, let chunk = malloc(size) else { return false }
        chunk.storeBytes(of: chunks, as: UnsafeMutableRawPointer?.self)
        chunks = chunk
        if reservedBytes == 0, size == LibyamlArena.firstChunkBytes { keptChunk = chunk }
        reservedBytes += size
        // Blocks start 16 bytes in (after the link), keeping their 16-byte alignment.
        cursor = chunk + 16
        limit = chunk + size
        lastBlock = nil
        return true
    }

    @inline(__always)
    private static func rounded(_ size: Int) -> Int { (max(size, 1) + 15) & ~15 }
}

/// Whether the functions below may put headers on blocks: decided once, by watching a parser's
/// `yaml_parser_initialize` (in the same file of libyaml as `yaml_malloc`, so the first to be
/// bound locally if anything is) allocate through them.
enum Mode {
    private static let state = Atomic<Int>(0)  // 0: not probed (plain), 1: plain, 2: headers
    private static let probeLock = Mutex(())
    private static let probeCalls = Atomic<Int>(0)

    /// True when blocks carry headers (and the arena may be used); probes on the first call.
    static var arenaEnabled: Bool {
        switch state.load(ordering: .acquiring) {
        case 2: return true
        case 1: return false
        default: return probe()
        }
    }

    @inline(__always)
    static var usesHeaders: Bool { state.load(ordering: .relaxed) == 2 }

    /// Counts calls while probing.
    @inline(__always)
    static func noteCall() {
        if state.load(ordering: .relaxed) == 0 { probeCalls.add(1, ordering: .relaxed) }
    }

    private static func probe() -> Bool {
        probeLock.withLock { _ in
            if state.load(ordering: .acquiring) == 0 {
                probeCalls.store(0, ordering: .relaxed)
                let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
                defer { parser.deallocate() }
                var routed = false
                if yaml_parser_initialize(parser) != 0 {
                    routed = probeCalls.load(ordering: .relaxed) > 0
                    yaml_parser_delete(parser)
                }
                // Every block the probe made was plain malloc and is freed: nothing outstanding
                // can meet the header check.
                state.store(routed ? 2 : 1, ordering: .releasing)
            }
            return state.load(ordering: .acquiring) == 2
        }
    }
}

// The symbols libyaml calls (declared in its private header `yaml_private.h`, exported by the
// shared library): same signatures and contracts as libyaml's own.

@_cdecl("yaml_malloc")
public func iaclint_yaml_malloc(_ size: Int) -> UnsafeMutableRawPointer? {
    guard Mode.usesHeaders else {
        Mode.noteCall()
        // As libyaml's own, and a size_t beyond Int.max fails as out of memory.
        return size >= 0 ? malloc(max(size, 1)) : nil
    }
    return LibyamlArena.allocate(size)
}

@_cdecl("yaml_realloc")
public func iaclint_yaml_realloc(_ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    guard Mode.usesHeaders else {
        guard size >= 0 else { return nil }
        return block.map { realloc($0, max(size, 1)) } ?? malloc(max(size, 1))
    }
    return LibyamlArena.reallocate(block, size)
}

@_cdecl("yaml_free")
public func iaclint_yaml_free(_ block: UnsafeMutableRawPointer?) {
    guard Mode.usesHeaders else { Glibc.free(block); return }
    LibyamlArena.free(block)
}

@_cdecl("yaml_strdup")
public func iaclint_yaml_strdup(_ string: UnsafePointer<UInt8>?) -> UnsafeMutablePointer<UInt8>? {
    guard let string else { return nil }
    let length = strlen(UnsafeRawPointer(string).assumingMemoryBound(to: CChar.self))
    guard let copy = Mode.usesHeaders ? LibyamlArena.allocate(length + 1) : malloc(length + 1) else { return nil }
    copy.copyMemory(from: string, byteCount: length + 1)
    return copy.assumingMemoryBound(to: UInt8.self)
}
