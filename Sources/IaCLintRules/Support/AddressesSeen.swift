// The addresses a dependency search has reached, by `String` equality.

/// A list while short, a `Set` beyond: a stage's search reaches about fifteen resources, and hashing
/// each address into a `Set` cost ~1,200 instructions (3.3 M of APIGW006's 21 M on the 10 MB
/// repository); a long search still inserts in constant time.
struct AddressesSeen {
    private var list: [String]
    private var set: Set<String> = []
    private static let listLimit = 32

    init(_ first: String) { list = [first] }

    /// Adds `address`; false when an equal address was there.
    mutating func insert(_ address: String) -> Bool {
        if list.count < Self.listLimit {
            if list.contains(address) { return false }
            list.append(address)
            return true
        }
        if set.isEmpty { set = Set(list) }
        return set.insert(address).inserted
    }
}
