import CQRencode

/// A QR code made by libqrencode, drawn as SVG: one path of dark modules with the four-module quiet
/// zone the standard asks for, so it prints sharp at any size on a school's A4 poster.
struct QRSymbol: Sendable {
    /// Modules per side, without the quiet zone.
    let width: Int
    /// Row-major, true for a dark module.
    let modules: [Bool]

    /// Error correction M (15 % of the symbol may be lost): a poster pinned on a board gets scuffed.
    init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        self.width = width
        // Bit 0 of each byte is the module's colour; the others are libqrencode's bookkeeping.
        modules = data.map { $0 & 1 == 1 }
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * width + x] }

    /// The symbol as an SVG element, `size` CSS pixels on a side (it scales when printed).
    func svg(size: Int, label: String) -> String {
        let quiet = 4, side = width + 2 * quiet
        var path = ""
        for y in 0..<width {
            var x = 0
            while x < width {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var run = 1
                while x + run < width, isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(size)\" height=\"\(size)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(label)\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
