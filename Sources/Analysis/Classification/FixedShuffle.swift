/// A shuffle that is the same in every run: a linear congruential generator with a fixed seed
/// driving Fisher–Yates. The models trained by stochastic gradient descent visit their examples in
/// this order, and cross-validation deals entries into folds with it, so the same examples always
/// give the same model and the same figures: tests and chosen thresholds stay put.
struct FixedShuffle {
    private var state: UInt64

    init(seed: UInt64 = 0x2545_F491_4F6C_DD1D) { state = seed }

    /// Shuffles `elements` in place, moving the generator on: call again for the next order.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            elements.swapAt(index, Int((state >> 33) % UInt64(index + 1)))
        }
    }
}
