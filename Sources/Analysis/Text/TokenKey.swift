/// 64-bit FNV-1a over UTF-8 bytes. Tokens are identified by this number rather than by String:
/// hashing or comparing a non-ASCII Swift String normalises it to NFC every time, which was
/// most of the cost of classifying an entry. Two different words sharing a key (odds about
/// 1 in 10¹¹ for this vocabulary) would only merge two features.
enum TokenKey {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func add(_ byte: UInt8, to key: inout UInt64) {
        key ^= UInt64(byte)
        key &*= prime
    }

    static func of<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var key = seed
        for byte in bytes { add(byte, to: &key) }
        return key
    }
}
