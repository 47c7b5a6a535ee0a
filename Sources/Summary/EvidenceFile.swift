import Crypto
import Forms
import Foundation

/// A photo or document kept as evidence that an event took place, checked the same way where it
/// is attached and where it arrives from a unit below: the type is read from the bytes (a name or
/// a Content-Type header says nothing), a size limit, and a photo loses what could say where or by
/// whom it was taken — EXIF (GPS position, camera owner), XMP, IPTC and comments in a JPEG; eXIf and
/// text chunks in a PNG — before its checksum is taken. Nothing is decoded or re-encoded: the image
/// data is kept byte for byte, so quality is not lost, and only the metadata segments go. A JPEG's
/// EXIF orientation is written back on its own, or a phone's portrait photo would show sideways.
public enum EvidenceFile {
    /// 5 MiB: a phone photo, or a scanned attendance sheet as PDF.
    public static let maxBytes = 5 * 1024 * 1024

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case photo
        case document
    }

    public struct Checked: Sendable {
        /// The bytes to keep: a photo's metadata removed.
        public var data: Data
        public var contentType: String
        public var kind: Kind
        /// Lower-case hex SHA-256 of `data`.
        public var sha256: String
        /// True when the photo carried metadata that was removed.
        public var removedMetadata: Bool
    }

    public enum Problem: Error, Sendable, Equatable {
        case empty
        case tooLarge(bytes: Int)
        case unknownType
        case damaged(String)

        /// The HTTP status a route answers it with: 415 for a type that is not taken, 413 too large.
        public var status: Int {
            switch self {
            case .unknownType: 415
            case .tooLarge: 413
            case .empty, .damaged: 422
            }
        }

        /// The error code of the bilingual body.
        public var code: String { self == .unknownType ? "unsupported_type" : "invalid_file" }

        public var vi: String {
            switch self {
            case .empty: "Tệp trống"
            case let .tooLarge(bytes): "Tệp \(bytes / 1024) KB, quá giới hạn \(EvidenceFile.maxBytes / 1024 / 1024) MB"
            case .unknownType: "Chỉ nhận ảnh JPEG, PNG hoặc tài liệu PDF (xét theo nội dung tệp, không theo tên)"
            case let .damaged(what): "Tệp bị hỏng: \(what)"
            }
        }

        public var en: String {
            switch self {
            case .empty: "the file is empty"
            case let .tooLarge(bytes): "the file is \(bytes / 1024) KB, over the \(EvidenceFile.maxBytes / 1024 / 1024) MB limit"
            case .unknownType: "only JPEG or PNG photos and PDF documents are taken (judged by content, not by name)"
            case let .damaged(what): "the file is damaged: \(what)"
            }
        }
    }

    public static func sha256(_ data: Data) -> String { hexString(SHA256.hash(data: data)) }

    /// A checksum as the summary and the transfer write it: 64 lower-case hex digits.
    public static func isChecksum(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    public static let contentTypes: Set<String> = ["image/jpeg", "image/png", "application/pdf"]

    public static func check(_ data: Data) -> Result<Checked, Problem> {
        guard !data.isEmpty else { return .failure(.empty) }
        guard data.count <= maxBytes else { return .failure(.tooLarge(bytes: data.count)) }
        let bytes = [UInt8](data)
        do {
            let kept: [UInt8]
            let contentType: String
            if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
                kept = try JPEGMetadata.strip(bytes)
                contentType = "image/jpeg"
            } else if bytes.starts(with: PNGMetadata.signature) {
                kept = try PNGMetadata.strip(bytes)
                contentType = "image/png"
            } else if bytes.starts(with: Array("%PDF-".utf8)) {
                // A PDF is kept as given: rewriting one safely needs a PDF library, and a scanned
                // attendance sheet carries no GPS position.
                kept = bytes
                contentType = "application/pdf"
            } else {
                return .failure(.unknownType)
            }
            let out = Data(kept)
            return .success(Checked(data: out, contentType: contentType, kind: contentType == "application/pdf" ? .document : .photo,
                                    sha256: sha256(out), removedMetadata: kept != bytes))
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(.damaged("\(error)"))
        }
    }
}

/// JPEG: a chain of marker segments up to the start of scan, then the compressed image.
enum JPEGMetadata {
    /// APP1 (EXIF, XMP), APP13 (IPTC, Photoshop) and COM (free comments) go; JFIF, ICC colour
    /// profiles, tables and frames stay.
    static let dropped: Set<UInt8> = [0xE1, 0xED, 0xFE]

    static func strip(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(bytes.count)
        var index = 2
        var wroteOrientation = false
        while true {
            guard index < bytes.count, bytes[index] == 0xFF else {
                throw EvidenceFile.Problem.damaged("JPEG: no marker at byte \(index)")
            }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }  // fill bytes
            guard index < bytes.count else { throw EvidenceFile.Problem.damaged("JPEG: ends inside a marker") }
            let marker = bytes[index]
            index += 1
            if marker == 0xD9 { throw EvidenceFile.Problem.damaged("JPEG: no image data") }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                out += [0xFF, marker]
                continue
            }
            guard index + 1 < bytes.count else { throw EvidenceFile.Problem.damaged("JPEG: ends inside a segment") }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2, index + length <= bytes.count else {
                throw EvidenceFile.Problem.damaged("JPEG: a segment runs past the end")
            }
            if marker == 0xDA {  // start of scan: the image itself, kept as it is
                out += [0xFF, marker]
                out += bytes[index...]
                return out
            }
            let segment = bytes[index..<(index + length)]
            if !dropped.contains(marker) {
                out += [0xFF, marker]
                out += segment
            } else if marker == 0xE1, !wroteOrientation, let orientation = exifOrientation(Array(segment.dropFirst(2))),
                orientation != 1
            {
                // In the EXIF segment's place, as readers expect it.
                out += orientationSegment(orientation)
                wroteOrientation = true
            }
            index += length
        }
    }

    /// Tag 0x0112 of the first image directory, if the segment is EXIF.
    static func exifOrientation(_ payload: [UInt8]) -> UInt16? {
        guard payload.starts(with: Array("Exif".utf8) + [0, 0]), payload.count >= 14 else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let little = tiff[0] == 0x49
        guard little || tiff[0] == 0x4D else { return nil }
        func u16(_ at: Int) -> Int? {
            guard at + 1 < tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<min(count, 200) {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112, let value = u16(at + 8), (1...8).contains(value) { return UInt16(value) }
        }
        return nil
    }

    /// A minimal APP1 EXIF segment holding only the orientation (big-endian TIFF, one entry).
    static func orientationSegment(_ orientation: UInt16) -> [UInt8] {
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,  // "MM", 42, first directory at 8
            0x00, 0x01,  // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,  // no next directory
        ]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}

/// PNG: a signature, then chunks (length, type, data, CRC) from IHDR to IEND.
enum PNGMetadata {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// eXIf (EXIF, GPS among it) and the three text chunks (author, place, comments).
    static let dropped: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt"]

    static func strip(_ bytes: [UInt8]) throws -> [UInt8] {
        var out = signature
        out.reserveCapacity(bytes.count)
        var index = signature.count
        var first = true
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            let end = index + 12 + length
            guard length >= 0, end <= bytes.count else { throw EvidenceFile.Problem.damaged("PNG: chunk \(type) runs past the end") }
            if first {
                guard type == "IHDR" else { throw EvidenceFile.Problem.damaged("PNG: does not start with IHDR") }
                first = false
            }
            if !dropped.contains(type) { out += bytes[index..<end] }
            index = end
            if type == "IEND" { return out }
        }
        throw EvidenceFile.Problem.damaged("PNG: no IEND")
    }
}

extension Summary {
    /// One photo or document of a unit's events, as a summary lists it: counts and checksums
    /// always; the file itself travels (beside the summary) only when `consent` is true.
    public struct EvidenceRef: Codable, Hashable, Sendable {
        public var sha256: String
        public var bytes: Int
        /// image/jpeg, image/png or application/pdf, from the content.
        public var type: String
        /// The unit marked this file as one that may go upward.
        public var consent: Bool

        public init(sha256: String, bytes: Int, type: String, consent: Bool) {
            self.sha256 = sha256
            self.bytes = bytes
            self.type = type
            self.consent = consent
        }

        public var isPhoto: Bool { type.hasPrefix("image/") }
    }
}
