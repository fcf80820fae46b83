// Hands out the first copy of each string it is given, so equal strings share one buffer.

/// A graph holds the same few strings hundreds of thousands of times (type names, the address a
/// dozen edges point at); a pool turns those copies into references to one buffer.
public struct StringPool: Sendable {
    private var strings: Set<String>

    public init(minimumCapacity: Int = 0) {
        strings = Set(minimumCapacity: minimumCapacity)
    }

    /// The pooled copy of `string`: the first one given with these contents.
    public mutating func shared(_ string: String) -> String {
        // Up to 15 UTF-8 bytes a String holds its text inline: nothing to share.
        guard string.utf8.count > 15 else { return string }
        return strings.insert(string).memberAfterInsert
    }
}
