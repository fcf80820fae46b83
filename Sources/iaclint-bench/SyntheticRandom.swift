// A seeded SplitMix64 generator: the synthetic repositories depend on nothing but the seed.

struct SyntheticRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// Derives an independent stream, so one part of the repository does not shift when another changes.
    func fork(_ salt: UInt64) -> SyntheticRandom {
        var copy = self
        copy.state ^= salt &* 0xD1B5_4A32_D192_ED03
        _ = copy.next()
        return copy
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (the tiny modulo bias does not matter here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks an index with the given relative weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = int(0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A lower-case hexadecimal string of `count` digits.
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for _ in 0..<count { text.append(digits[Int(next() & 15)]) }
        return text
    }

    /// A 12-digit AWS account number.
    mutating func accountID() -> String {
        var text = ""
        for _ in 0..<12 { text.append(Character(String(int(0...9)))) }
        return text
    }
}
