// Long names and texts kept from one parse to the next, so files that repeat them share one String.

import IaCLintCore
import Synchronization

/// A `NameTable` lives for one file, and every text of more than 15 bytes it interns is a new heap
/// string (malloc, a copy, and a free when the tree goes): 139,000 of them on the 10 MB synthetic
/// repository, nearly all resource types, attribute names and values that every module repeats.
/// This direct-mapped cache remembers the last string made for each hash bucket across the files a
/// thread parses; a hit costs a compare and a retain. It is bounded (a new text replaces the old
/// one in its bucket) and is not shared by two parses at once: each parse takes one from `pool`
/// and gives it back (a lock per file).
final class SharedNameCache: @unchecked Sendable {
    private struct Slot {
        var hash: Int
        /// -1 marks an empty slot.
        var length: Int
        var string: String
    }

    /// Big enough for the distinct long texts of a large module tree (128 KB of slots).
    private static let capacity = 4096
    private let slots: UnsafeMutablePointer<Slot>

    private init() {
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: SharedNameCache.capacity)
        slots.initialize(repeating: Slot(hash: 0, length: -1, string: ""), count: SharedNameCache.capacity)
    }

    deinit {
        slots.deinitialize(count: SharedNameCache.capacity)
        slots.deallocate()
    }

    private static let pool = Mutex<[SharedNameCache]>([])

    /// A cache no other parse is using (a new one when all are taken).
    static func take() -> SharedNameCache {
        pool.withLock { $0.popLast() } ?? SharedNameCache()
    }

    /// Returns a cache taken with `take()`.
    static func give(_ cache: SharedNameCache) {
        pool.withLock { $0.append(cache) }
    }

    /// The string for `bytes` (whose `NameTable` hash is `hash`): the one made before when the
    /// bucket still holds it, else `make(bytes)`, remembered.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, hash: Int, make: (UnsafeBufferPointer<UInt8>) -> String) -> String {
        // The low bits chose the NameTable slot; the high ones spread the buckets here.
        let slot = slots + (hash >> 40) & (SharedNameCache.capacity - 1)
        if slot.pointee.hash == hash, slot.pointee.length == bytes.count,
           let same = slot.pointee.string.utf8.withContiguousStorageIfAvailable({ RawBytes.equal(UnsafeRawBufferPointer($0), UnsafeRawBufferPointer(bytes)) }), same {
            return slot.pointee.string
        }
        let made = make(bytes)
        slot.pointee = Slot(hash: hash, length: bytes.count, string: made)
        return made
    }
}
