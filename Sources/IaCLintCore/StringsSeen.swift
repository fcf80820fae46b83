// The strings a walk has reached (addresses, directories), by `String` equality.

/// A list while short, a `Set` beyond: a stage's dependency search reaches about fifteen resources
/// and a root's call tree a few modules, and hashing each string into a new `Set` cost ~1,200
/// instructions (3.3 M of APIGW006's 21 M on the 10 MB repository; 5-14 ms of the Terraform load's
/// planning on 100 MB, a set per root). A long walk still inserts in constant time.
public struct StringsSeen {
    private var list: [String] = []
    private var set: Set<String> = []
    private static let listLimit = 32

    public init() {}

    public init(_ first: String) { list = [first] }

    /// Adds `string`; false when an equal string was there.
    public mutating func insert(_ string: String) -> Bool {
        if list.count < Self.listLimit {
            if list.contains(string) { return false }
            list.append(string)
            return true
        }
        if set.isEmpty { set = Set(list) }
        return set.insert(string).inserted
    }

    /// Forgets every string, keeping the storage for the next walk.
    public mutating func removeAll() {
        list.removeAll(keepingCapacity: true)
        set.removeAll(keepingCapacity: true)
    }
}
