/// A hash map from 64-bit keys to small integers, open addressing with linear probing.
/// Classifying an entry does a few dozen lookups; Swift's Dictionary runs SipHash on each,
/// which was a fifth of the time. Keys here are already hashes, so a multiply-shift suffices.
struct KeyTable: Sendable, Hashable {
    private var keys: [UInt64]
    /// -1 marks an empty slot.
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var index = slot(for: key)
        while true {
            let value = values[index]
            if value < 0 { return nil }
            if keys[index] == key { return value }
            index = (index + 1) & mask
        }
    }

    /// The value for `key`, storing `make()` first when the key is new.
    mutating func value(for key: UInt64, orInsert make: () -> Int32) -> Int32 {
        if let existing = self[key] { return existing }
        if (count + 1) * 2 > keys.count { grow() }
        let value = make()
        insert(key, value)
        return value
    }

    private mutating func insert(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var index = slot(for: key)
        while values[index] >= 0 { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
        count += 1
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 >= 0 }
        self = KeyTable(minimumCapacity: keys.count)
        for (key, value) in old { insert(key, value) }
    }
}
