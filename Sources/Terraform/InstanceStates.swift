// A module instance's evaluation state, one slot per declaration (resources) or name (variables,
// locals, outputs), held in fixed blocks that are read and written in place.

/// What an instance keeps for one resource declaration.
struct DeclarationState {
    /// How `count`/`for_each` expand.
    var expansion: KeptExpansion
    /// The value `aws_x.y` has in expressions.
    var value: Memo
    /// The attributes of the instance without a key (no `count`/`for_each`).
    var singleAttributes: Memo
    /// The declaration's address in this instance, as references name it: one string for all the
    /// references to it, which the kept values of a large scan hold by the hundred thousand.
    var referenceTarget: String?
}

/// What an instance keeps for one variable, local or output.
struct NameState {
    var memo: Memo
    /// The value as a reference reads it whole (`Evaluator.flowedVariable`); unused for outputs.
    var flow: KeptFlow
}

/// The states of one instance's resource declarations, by the declaration's index.
///
/// Why a block behind a constant and not arrays in the instance's `var`s: every read and write of
/// a class's `var` is checked at run time for exclusive access (about 65 instructions, a `swift_beginAccess`
/// with its access-set insert and removal), and evaluation reads these caches for every resource,
/// reference and instance. A constant reference to this class needs no check, nor do the slots,
/// reached through a pointer. Each slot index is checked against `count`.
final class DeclarationStates {
    let count: Int
    private let slots: UnsafeMutablePointer<DeclarationState>

    init(count: Int) {
        self.count = max(0, count)
        slots = UnsafeMutablePointer<DeclarationState>.allocate(capacity: max(1, self.count))
        // Each slot stored directly (see `Array.filled`): no copies of a repeated value.
        for i in 0..<self.count {
            (slots + i).initialize(to: DeclarationState(expansion: .none, value: .empty, singleAttributes: .empty, referenceTarget: nil))
        }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutablePointer<DeclarationState> {
        // Callers check `index < count` (a declaration's position in the configuration the instance
        // was sized from); this only keeps a mistake from reaching memory.
        precondition(index >= 0 && index < count, "declaration index out of range")
        return slots + index
    }

    subscript(expansion index: Int) -> KeptExpansion {
        get { slot(index).pointee.expansion }
        set { slot(index).pointee.expansion = newValue }
    }

    subscript(value index: Int) -> Memo {
        get { slot(index).pointee.value }
        set { slot(index).pointee.value = newValue }
    }

    subscript(singleAttributes index: Int) -> Memo {
        get { slot(index).pointee.singleAttributes }
        set { slot(index).pointee.singleAttributes = newValue }
    }

    subscript(referenceTarget index: Int) -> String? {
        get { slot(index).pointee.referenceTarget }
        set { slot(index).pointee.referenceTarget = newValue }
    }
}

/// The states of one instance's variables, locals or outputs, by the name's position in its
/// configuration; a block for the reason `DeclarationStates` is one.
final class NameStates {
    let count: Int
    private let slots: UnsafeMutablePointer<NameState>

    init(count: Int) {
        self.count = max(0, count)
        slots = UnsafeMutablePointer<NameState>.allocate(capacity: max(1, self.count))
        for i in 0..<self.count { (slots + i).initialize(to: NameState(memo: .empty, flow: .none)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutablePointer<NameState> {
        precondition(index >= 0 && index < count, "name index out of range")
        return slots + index
    }

    subscript(memo index: Int) -> Memo {
        get { slot(index).pointee.memo }
        set { slot(index).pointee.memo = newValue }
    }

    subscript(flow index: Int) -> KeptFlow {
        get { slot(index).pointee.flow }
        set { slot(index).pointee.flow = newValue }
    }
}
